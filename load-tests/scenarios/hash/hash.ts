// The threadpool pair: PBKDF2 on the event loop (/sync/hash) or on libuv's threadpool (/async/hash).
// Real CPU work has no `ms` to read the bound from, so a calibration measures it first: the server's
// own estimate picks the iterations that take about --ms of CPU, then a few /sync/hash requests, one
// at a time, measure t, what one hash of that size really takes here. Sync: one hash at a time,
// 1000 / t. Async: as many at once as the pool has threads and the machine has cores.
import { HashReportSchema } from '../../../src/work/hash.js'
import { annotatedBound, parallelBound, serialBound } from '../../core/bounds.js'
import { medianHandlerMs } from '../../engine/calibration.js'
import { getJson } from '../../engine/json-client.js'
import type { ScenarioContext } from '../../core/scenario.js'
import { throughputPair } from '../shared/throughput-pair.js'

const CALIBRATION_REQUESTS = 5

interface HashCalibration {
  iterations: number
  /** The median time of one hash of `iterations`, as the server measured it. */
  tMs: number
  threadpoolSize: number
  cores: number
}

async function calibrateHash (ctx: ScenarioContext): Promise<HashCalibration> {
  // One hash of the server's default size: its answer holds the server's estimate (`ms`) of the
  // CPU time of that many iterations.
  const first = await getJson(ctx.url, '/sync/hash', HashReportSchema)
  const iterations = Math.max(1, Math.round((first.iterations * ctx.options.ms) / Math.max(first.ms, 1)))
  const tMs = await medianHandlerMs(ctx, `/sync/hash?iterations=${iterations}`, CALIBRATION_REQUESTS)
  ctx.progress(`calibration: ${iterations} iterations take t = ${tMs} ms (median of ${CALIBRATION_REQUESTS} /sync/hash requests)`)
  return { iterations, tMs, threadpoolSize: first.threadpoolSize, cores: first.cores }
}

export const hashScenario = throughputPair({
  name: 'hash',
  title: 'hash: PBKDF2 on the event loop or on libuv\'s threadpool',
  summary: '/async/hash (crypto.pbkdf2, threadpool) vs /sync/hash (crypto.pbkdf2Sync), iterations taking about --ms of CPU',
  requires: ['/async/hash', '/sync/hash'],
  routes: async (ctx) => {
    const { iterations, tMs, threadpoolSize, cores } = await calibrateHash(ctx)
    const parallel = Math.min(threadpoolSize, cores)
    const note = `t measured: median of ${CALIBRATION_REQUESTS} calibration requests of ${iterations} iterations`
    return [{
      label: 'async',
      path: `/async/hash?iterations=${iterations}`,
      role: 'non-blocking',
      bound: annotatedBound(parallelBound(parallel, `min(UV_THREADPOOL_SIZE ${threadpoolSize}, ${cores} cores)`, tMs), note),
      // When the run stops, up to one hash per connection is still queued on the pool; they would
      // take the cores from the sync run that follows. A 1-iteration hash waits behind them.
      settlePath: '/async/hash?iterations=1'
    }, {
      label: 'sync',
      path: `/sync/hash?iterations=${iterations}`,
      role: 'blocking',
      bound: annotatedBound(serialBound(tMs), note)
    }]
  }
})
