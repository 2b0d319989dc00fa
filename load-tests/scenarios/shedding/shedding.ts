// Load shedding, the standard mitigation, against the collapse: the blocking route under the same
// load on a server that queues every request and on one that sheds (SHED_LOAD=true). Shedding
// cannot make a blocked loop serve more; it refuses at once what would wait too long, so the requests
// it accepts are answered within a bound.
import { serialBound } from '../../core/bounds.js'
import { runRoute, type RouteSpec } from '../../engine/route-comparison.js'
import type { Scenario, ScenarioContext } from '../../core/scenario.js'
import { readServerStats } from '../../engine/server-stats.js'
import { sheddingCharts, sheddingTable, sheddingVerdict, type SheddingRun } from './shedding-report.js'

/** The threshold of the server this scenario starts with shedding on (the loop this late: shed). */
const SHED_AT_DELAY_MS = 20

interface Target { url: string, shedding: SheddingRun['shedding'] }

/**
 * The servers to compare. Started by the load test: the target and a second server with the opposite
 * setting. With --url: only the server given, as it is configured.
 */
async function targets (ctx: ScenarioContext): Promise<Target[]> {
  const shedding = (await readServerStats(ctx.url))?.shedding ?? null
  const given: Target = { url: ctx.url, shedding }
  if (ctx.startServer === undefined) return [given]
  const env: Record<string, string> = shedding?.enabled === true ? { SHED_LOAD: 'false' } : { SHED_LOAD: 'true', MAX_EVENT_LOOP_DELAY_MS: String(SHED_AT_DELAY_MS) }
  ctx.progress(`starting a second server with ${Object.entries(env).map(([name, value]) => `${name}=${value}`).join(' ')}`)
  const other = await ctx.startServer(env)
  const otherTarget: Target = { url: other.url, shedding: (await readServerStats(other.url))?.shedding ?? null }
  // Without shedding first: the collapse, then its mitigation.
  return shedding?.enabled === true ? [otherTarget, given] : [given, otherTarget]
}

export const sheddingScenario: Scenario = {
  name: 'shedding',
  summary: '/sync/delay (ms = --ms) with and without load shedding: accepted req/s, 503s, latency of accepted requests',
  runsByDefault: false,
  requires: ['/sync/delay', '/stats'],
  run: async (ctx) => {
    const { ms, connections } = ctx.options
    const runs: SheddingRun[] = []
    for (const target of await targets(ctx)) {
      const label = target.shedding?.enabled === true ? 'shedding on' : 'shedding off'
      const route: RouteSpec = { label, path: `/sync/delay?ms=${ms}`, role: 'blocking', bound: serialBound(ms), baseUrl: target.url, latencyOf2xxOnly: true }
      const run = await runRoute(ctx, route, connections)
      runs.push({ shedding: target.shedding, run })
    }
    return {
      title: 'shedding: the blocking route with and without load shedding',
      tables: [sheddingTable(runs)],
      verdicts: [sheddingVerdict(runs)],
      charts: sheddingCharts(runs),
      raw: { runs }
    }
  }
}
