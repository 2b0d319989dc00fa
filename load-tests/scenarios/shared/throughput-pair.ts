// A throughput scenario in a few lines: name the routes and their bounds, get the standard runs,
// table, charts and pair verdicts. delay, fetch and hash are each one call of this.
import { pairVerdicts } from '../../core/pair-verdicts.js'
import type { RouteSpec } from '../../engine/route-comparison.js'
import { compareRoutes } from './compare-routes.js'
import type { Scenario, ScenarioContext } from '../../core/scenario.js'

export interface ThroughputPairDefinition {
  name: string
  title: string
  summary: string
  /** Paths (without query) the server must have. */
  requires: string[]
  /** The routes to load, non-blocking first; may measure something first (a calibration request). */
  routes: (ctx: ScenarioContext) => RouteSpec[] | Promise<RouteSpec[]>
}

export function throughputPair (definition: ThroughputPairDefinition): Scenario {
  return {
    name: definition.name,
    summary: definition.summary,
    runsByDefault: true,
    requires: definition.requires,
    run: async (ctx) => {
      const comparison = await compareRoutes(ctx, await definition.routes(ctx))
      return {
        title: definition.title,
        tables: comparison.tables,
        verdicts: pairVerdicts(definition.name, comparison.raw.runs, ctx.options.thresholds),
        charts: comparison.charts,
        raw: comparison.raw
      }
    }
  }
}
