// Routes loaded in turn (engine/route-comparison.ts) and read as the standard tables and charts
// (report/): what every scenario that compares routes with their bounds shows.
import type { RouteComparisonRaw } from '../../core/route-run.js'
import type { Chart, ScenarioContext, Table } from '../../core/scenario.js'
import { runRouteComparison, type RouteSpec } from '../../engine/route-comparison.js'
import { comparisonCharts } from '../../report/comparison-charts.js'
import { comparisonTables } from '../../report/comparison-tables.js'

export interface RouteComparison {
  raw: RouteComparisonRaw
  tables: Table[]
  charts: Chart[]
}

export async function compareRoutes (ctx: ScenarioContext, routes: RouteSpec[]): Promise<RouteComparison> {
  const raw = await runRouteComparison(ctx, routes)
  return { raw, tables: comparisonTables(raw), charts: comparisonCharts(raw) }
}
