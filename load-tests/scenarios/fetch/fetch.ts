// The real-IO pair: an HTTP call to the slow upstream, awaited (/async/fetch) or made with a
// blocking client (/sync/fetch). Unlike a timer, a call cannot take less than the upstream's wait
// plus one HTTP round trip through two servers, so a calibration measures t, what one call takes
// here when nothing else runs, and the bounds are the delay pair's with t for ms.
import { annotatedBound, concurrentBound, serialBound } from '../../core/bounds.js'
import { medianHandlerMs } from '../../engine/calibration.js'
import { throughputPair } from '../shared/throughput-pair.js'

const CALIBRATION_REQUESTS = 5

export const fetchScenario = throughputPair({
  name: 'fetch',
  title: 'fetch: real HTTP calls to a slow upstream, awaited or blocking',
  summary: '/async/fetch (fetch, awaited) vs /sync/fetch (a blocking HTTP client); the upstream answers after ms = --ms',
  requires: ['/async/fetch', '/sync/fetch'],
  routes: async (ctx) => {
    const { ms } = ctx.options
    const asyncPath = `/async/fetch?ms=${ms}`
    const tMs = await medianHandlerMs(ctx, asyncPath, CALIBRATION_REQUESTS)
    ctx.progress(`calibration: one call of ${ms} ms takes t = ${tMs} ms (median of ${CALIBRATION_REQUESTS} /async/fetch calls)`)
    const note = `t measured: median of ${CALIBRATION_REQUESTS} calls one at a time (the upstream's ${ms} ms plus the round trip)`
    return [
      { label: 'async', path: asyncPath, role: 'non-blocking', bound: annotatedBound(concurrentBound(tMs), note) },
      { label: 'sync', path: `/sync/fetch?ms=${ms}`, role: 'blocking', bound: annotatedBound(serialBound(tMs), note) }
    ]
  }
})
