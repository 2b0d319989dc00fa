// The real-IO pair: an HTTP call to the slow upstream, awaited (/async/fetch) or made with a
// blocking client (/sync/fetch). Unlike a timer, a call cannot take less than the upstream's wait
// plus one HTTP round trip through two servers, so a calibration measures t, what one call takes
// here when nothing else runs, and the bounds are the delay pair's with t for ms.
import { Value } from '@sinclair/typebox/value'
import { WorkReportSchema } from '../../src/work/report.js'
import { annotatedBound, concurrentBound, serialBound } from '../bounds.js'
import type { ScenarioContext } from '../scenario.js'
import { percentile } from '../stats.js'
import { throughputPair } from '../throughput-pair.js'

const CALIBRATION_REQUESTS = 5

/** The median handler time of a few /async/fetch calls made one at a time. */
async function calibrateFetch (ctx: ScenarioContext): Promise<number> {
  const target = `${ctx.url}/async/fetch?ms=${ctx.options.ms}`
  const times: number[] = []
  for (let request = 0; request < CALIBRATION_REQUESTS; request += 1) {
    const response = await fetch(target, { signal: AbortSignal.timeout(ctx.options.ms + 10_000) })
    const body: unknown = await response.json()
    if (!response.ok || !Value.Check(WorkReportSchema, body)) throw new Error(`calibration: GET ${target} answered ${response.status} ${JSON.stringify(body)}`)
    times.push(body.elapsedMs)
  }
  const tMs = Math.round((percentile(times, 50) ?? Number.NaN) * 10) / 10
  ctx.progress(`calibration: one call of ${ctx.options.ms} ms takes t = ${tMs} ms (median of ${CALIBRATION_REQUESTS} /async/fetch calls)`)
  return tMs
}

export const fetchScenario = throughputPair({
  name: 'fetch',
  title: 'fetch: real HTTP calls to a slow upstream, awaited or blocking',
  summary: '/async/fetch (fetch, awaited) vs /sync/fetch (a blocking HTTP client); the upstream answers after ms = --ms',
  requires: ['/async/fetch', '/sync/fetch'],
  routes: async (ctx) => {
    const { ms } = ctx.options
    const tMs = await calibrateFetch(ctx)
    const note = `t measured: median of ${CALIBRATION_REQUESTS} calls one at a time (the upstream's ${ms} ms plus the round trip)`
    return [
      { label: 'async', path: `/async/fetch?ms=${ms}`, role: 'non-blocking', bound: annotatedBound(concurrentBound(tMs), note) },
      { label: 'sync', path: `/sync/fetch?ms=${ms}`, role: 'blocking', bound: annotatedBound(serialBound(tMs), note) }
    ]
  }
})
