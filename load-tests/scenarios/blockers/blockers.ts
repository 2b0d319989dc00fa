// The blocker family under load: for each blocker (GET /blockers), its blocking route and its remedy,
// sized by the server's own calibration to take about --ms, loaded in turn. Bounds come from what one
// call really takes here (median of a few calls, one at a time): the blocking route serves 1000 / t
// per second; a remedy on the loop (a better algorithm) 1000 / t of its own, much shorter, t; a remedy
// off the loop min(connections, cores) × 1000 / t. The verdict: every blocking route held /health,
// every remedy let it through; the report shows what held the loop, as the server's stall detector saw it.
import { Type, type Static } from '@sinclair/typebox'
import { annotatedBound, parallelBound, serialBound } from '../../core/bounds.js'
import type { Scenario, ScenarioContext } from '../../core/scenario.js'
import { medianHandlerMs } from '../../engine/calibration.js'
import { getJson } from '../../engine/json-client.js'
import type { RouteSpec } from '../../engine/route-comparison.js'
import { PoolInfoSchema } from '../../../src/work/compute.js'
import { compareRoutes } from '../shared/compare-routes.js'
import { blockerVerdicts } from './blockers-report.js'

const CALIBRATION_REQUESTS = 3

const CatalogSchema = Type.Array(Type.Object({
  name: Type.String(),
  blocking: Type.String(),
  remedy: Type.String(),
  remedyRunsOn: Type.String(),
  parameter: Type.String(),
  sizeForMs: Type.Integer()
}))
type Entry = Static<typeof CatalogSchema>[number]

async function routesOf (ctx: ScenarioContext, entry: Entry, cores: number): Promise<RouteSpec[]> {
  const query = `?${entry.parameter}=${entry.sizeForMs}`
  const blockingMs = await medianHandlerMs(ctx, `${entry.blocking}${query}`, CALIBRATION_REQUESTS)
  const remedyMs = Math.max(0.1, await medianHandlerMs(ctx, `${entry.remedy}${query}`, CALIBRATION_REQUESTS))
  ctx.progress(`${entry.name}: ${entry.parameter}=${entry.sizeForMs} takes ${blockingMs} ms blocking, ${remedyMs} ms remedied`)
  const note = `t: median of ${CALIBRATION_REQUESTS} calls, one at a time`
  const remedyBound = entry.remedyRunsOn === 'event loop'
    ? serialBound(remedyMs)
    : parallelBound(cores, `${cores} cores (${entry.remedyRunsOn})`, remedyMs)
  return [
    { label: `${entry.name} remedy`, path: `${entry.remedy}${query}`, role: 'non-blocking', bound: annotatedBound(remedyBound, note) },
    { label: `${entry.name} blocking`, path: `${entry.blocking}${query}`, role: 'blocking', bound: annotatedBound(serialBound(blockingMs), note) }
  ]
}

export const blockersScenario: Scenario = {
  name: 'blockers',
  summary: 'each real-world blocker (regex, json, fs, zlib, dedupe) beside its remedy, sized to about --ms; what held the loop',
  runsByDefault: false,
  requires: ['/blockers'],
  run: async (ctx) => {
    const catalog = await getJson(ctx.url, `/blockers?ms=${ctx.options.ms}`, CatalogSchema)
    const { cores } = await getJson(ctx.url, '/worker/pool', PoolInfoSchema)
    const routes: RouteSpec[] = []
    for (const entry of catalog) routes.push(...await routesOf(ctx, entry, cores))
    const comparison = await compareRoutes(ctx, routes)
    return {
      title: 'blockers: what blocks the event loop in real servers, and each remedy',
      tables: comparison.tables,
      verdicts: blockerVerdicts(comparison.raw.runs, ctx.options.thresholds),
      charts: comparison.charts,
      raw: comparison.raw
    }
  }
}
