// CPU work three ways: on a worker pool, in 1 ms slices on the event loop, or in one go on it. The
// pool and the loop-bound pair are read like every pair (the loop-bound route "collapses" to the
// pool's parallelism); the cooperative route gets its own two checks: its throughput stays at the
// one-thread bound, and /health stays fast while it runs.
import { PoolInfoSchema, type PoolInfo } from '../../../src/work/compute.js'
import { parallelBound, serialBound } from '../../core/bounds.js'
import { formatMs, formatPercent, formatRate, formatRatio } from '../../core/format.js'
import { getJson } from '../../engine/json-client.js'
import { pairVerdicts, thresholdCheck, withHeadline } from '../../core/pair-verdicts.js'
import type { RouteSpec } from '../../engine/route-comparison.js'
import { compareRoutes } from '../shared/compare-routes.js'
import type { RouteRun } from '../../core/route-run.js'
import type { Scenario, ScenarioContext, Verdict } from '../../core/scenario.js'
import type { Thresholds } from '../../core/options.js'
import { ratio } from '../../core/statistics.js'

function routes (ms: number, pool: PoolInfo): RouteSpec[] {
  return [
    {
      label: 'worker',
      path: `/worker/compute?ms=${ms}`,
      role: 'non-blocking',
      bound: parallelBound(pool.parallelism, `min(pool of ${pool.poolSize}, ${pool.cores} cores)`, ms)
    },
    { label: 'cooperative', path: `/cooperative/compute?ms=${ms}`, role: 'non-blocking', bound: serialBound(ms) },
    { label: 'sync', path: `/sync/compute?ms=${ms}`, role: 'blocking', bound: serialBound(ms) }
  ]
}

/**
 * The cooperative route's steady rate. A run counts no answer of it during its first round (see
 * computeConnections), so the window's req/s reads low by about one round in ROUNDS_PER_RUN. Little's
 * law (throughput = connections ÷ mean latency) gives the rate without that start-up gap.
 */
export function littlesLawRate (run: RouteRun): number | null {
  return run.completed === 0 ? null : (run.connections * 1000) / run.latencyMs.mean
}

function cooperativeVerdicts (cooperative: RouteRun, steadyRate: number | null, sync: RouteRun, thresholds: Thresholds): Verdict[] {
  const off = steadyRate === null ? null : Math.abs(steadyRate / cooperative.bound.reqPerSec - 1)
  const healthRatio = ratio(sync.health.p99Ms, cooperative.health.p99Ms)
  return [
    thresholdCheck(`${cooperative.path} ran at ${formatRate(steadyRate)} req/s by Little's law (connections ÷ mean latency), ${formatPercent(off)} off the ` +
      `one-thread bound: slicing does not add a core (threshold ± ${formatPercent(thresholds.syncTolerance)})`,
    'check-sync-tolerance', off, '<=', thresholds.syncTolerance),
    thresholdCheck(`/health p99 was ${formatRatio(healthRatio)} slower during ${sync.path} than during ${cooperative.path} (threshold ≥ ${formatRatio(thresholds.healthMin)})`,
      'check-health-min', healthRatio, '>=', thresholds.healthMin)
  ]
}

/** A run must hold this many rounds of the cooperative route (see computeConnections). */
const ROUNDS_PER_RUN = 5

/**
 * The cooperative route shares the loop round-robin, a slice per request per turn, so its requests
 * do not finish one by one: all of them finish together, after connections × ms of CPU. A run holding
 * less than a few such rounds counts next to nothing (100 connections × 50 ms never finish inside
 * 5 s), so compute caps the connections to ROUNDS_PER_RUN rounds per run, but keeps at least two per
 * pool thread so the pool always has a queue.
 */
export function computeConnections (requested: number, ms: number, durationS: number, parallelism: number): number {
  const fitting = Math.floor((durationS * 1000) / (ROUNDS_PER_RUN * ms))
  return Math.min(requested, Math.max(fitting, 2 * parallelism))
}

export const computeScenario: Scenario = {
  name: 'compute',
  summary: `/worker/compute (a worker pool) vs /cooperative/compute (1 ms slices) vs /sync/compute (on the loop), ms = --ms of CPU; connections capped so a run holds ${ROUNDS_PER_RUN} cooperative rounds`,
  // Run when named, not by default: the default `npm run load` stays the three throughput pairs
  // (delay, fetch, hash); three more runs and a sync backlog to drain would make it much longer.
  runsByDefault: false,
  requires: ['/worker/compute', '/cooperative/compute', '/sync/compute', '/worker/pool'],
  run: async (ctx: ScenarioContext) => {
    const { ms, thresholds, durationS, connections: requested, sweep } = ctx.options
    const pool = await getJson(ctx.url, '/worker/pool', PoolInfoSchema)
    const cap = (count: number): number => computeConnections(count, ms, durationS, pool.parallelism)
    const options = { ...ctx.options, connections: cap(requested), ...(sweep === undefined ? {} : { sweep: sweep.map(cap) }) }
    const comparison = await compareRoutes({ ...ctx, options }, routes(ms, pool))
    const [worker, cooperative, sync] = comparison.raw.runs
    if (worker === undefined || cooperative === undefined || sync === undefined) throw new Error('compute: a run is missing')
    const steadyRate = littlesLawRate(cooperative)
    const [pairHeadline, ...pairChecks] = pairVerdicts('compute', [worker, sync], thresholds)
    const checks = [...pairChecks, ...cooperativeVerdicts(cooperative, steadyRate, sync, thresholds)]
    const capNote = options.connections < requested
      ? [`compute ran at ${options.connections} connections, not ${requested}: the cooperative route finishes all its requests ` +
        `together, after connections × ms of CPU, and a run must hold ${ROUNDS_PER_RUN} such rounds (${options.connections} × ${ms} ms × ${ROUNDS_PER_RUN} ≤ ${durationS} s).`]
      : []
    comparison.tables[0]?.notes.push(...capNote, `${cooperative.path} answers nothing during its first round (connections × ms), so its req/s above reads ` +
      `low by about that round; connections ÷ mean latency (Little's law) gives its steady rate: ${formatRate(steadyRate)} req/s.`)
    const headline = `${pairHeadline?.text ?? ''}; sliced on the loop ${formatRate(steadyRate)} req/s (Little's law) with /health p99 ${formatMs(cooperative.health.p99Ms)}`
    return {
      title: 'compute: CPU work on a worker pool, in slices on the loop, or holding the loop',
      tables: comparison.tables,
      verdicts: withHeadline(headline, checks),
      charts: comparison.charts,
      raw: comparison.raw
    }
  }
}
