// The standard charts of a route comparison, as vega-lite specifications with their data inline:
// throughput against its bound, latency percentiles, /health over time, the server's own event-loop
// delay, and the connection sweep.
import { chart, logBaseline, percentileBars, valueLabels } from './charts.js'
import { formatMs, formatPercent, formatRate } from '../core/format.js'
import type { RouteComparisonRaw, RouteRun } from '../core/route-run.js'
import type { Chart } from '../core/scenario.js'

export function comparisonCharts (raw: RouteComparisonRaw): Chart[] {
  const charts = [throughputChart(raw.runs), latencyChart(raw.runs), healthChart(raw.runs)]
  if (raw.runs.some((run) => run.server !== null)) charts.push(serverLoopChart(raw.runs))
  if (raw.sweep.length > 0) charts.push(sweepChart(raw.sweep))
  return charts
}

/** The same colour for a route in every chart, in the order the routes ran. */
function routeColor (runs: RouteRun[], title = 'route') {
  return { field: 'route', type: 'nominal' as const, title, scale: { domain: [...new Set(runs.map((run) => run.path))] } }
}

function throughputChart (runs: RouteRun[]): Chart {
  const values = runs.flatMap((run) => [
    { route: run.path, series: 'measured', reqPerSec: run.reqPerSec, label: formatPercent(run.fractionOfBound) },
    { route: run.path, series: 'bound', reqPerSec: run.bound.reqPerSec, label: formatRate(run.bound.reqPerSec) }
  ])
  const reached = runs.map((run) => `${run.path} reached ${formatPercent(run.fractionOfBound)} of its bound (${formatRate(run.reqPerSec)} of ${formatRate(run.bound.reqPerSec)} req/s)`)
  return chart(`Throughput against its bound, ${runs[0]?.connections ?? 0} connections`,
    `${reached.join('; ')}: each measured bar should stand as high as its bound bar (log scale).`, {
      data: { values },
      encoding: {
        x: { field: 'route', type: 'nominal', title: 'route', sort: null, axis: { labelAngle: 0 } },
        xOffset: { field: 'series', type: 'nominal', sort: ['measured', 'bound'] },
        y: { field: 'reqPerSec', type: 'quantitative', title: 'requests per second (log scale)', scale: { type: 'log' } },
        color: { field: 'series', type: 'nominal', title: 'series', sort: ['measured', 'bound'], scale: { range: ['#4c78a8', '#bab0ac'] } }
      },
      layer: [
        { mark: 'bar', encoding: { y2: { datum: logBaseline(values.map((value) => value.reqPerSec)) }, tooltip: [{ field: 'route' }, { field: 'series' }, { field: 'reqPerSec', format: '.1f', title: 'req/s' }] } },
        valueLabels('label')
      ]
    })
}

function latencyChart (runs: RouteRun[]): Chart {
  const percentiles = [['p50', 'p50'], ['p97.5', 'p97_5'], ['p99', 'p99'], ['max', 'max']] as const
  const bars = runs.flatMap((run) => percentiles.map(([name, key]) => ({ group: name, series: run.path, ms: run.latencyMs[key] })))
  const medians = runs.map((run) => `${run.path} took ${formatMs(run.latencyMs.p50)} at the median`)
  return percentileBars('Request latency percentiles',
    `${medians.join(', ')}: a non-blocking request costs its own wait, a blocking one waits for every request queued ahead of it.`,
    bars, { y: 'latency', color: routeColor(runs) })
}

function healthChart (runs: RouteRun[]): Chart {
  const values = runs.flatMap((run) => run.health.samples.flatMap((sample) => sample.latencyMs === null
    ? []
    : [{ route: run.path, atS: sample.atMs / 1000, ms: Math.max(sample.latencyMs, 0.1) }]))
  const p99s = runs.map((run) => `${formatMs(run.health.p99Ms)} while ${run.path} was loaded`)
  const failed = runs.reduce((sum, run) => sum + run.health.failed, 0)
  return chart('/health latency during each run',
    `/health, a route nobody was loading, answered with a p99 of ${p99s.join(' and ')}: a blocked event loop delays every route${failed > 0 ? ` (${failed} probes got no answer and are not drawn)` : ''}.`, {
      data: { values },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'atS', type: 'quantitative', title: 'time since the run started (s)' },
        y: { field: 'ms', type: 'quantitative', title: '/health latency (ms, log scale)', scale: { type: 'log' } },
        color: routeColor(runs, 'route under load'),
        tooltip: [{ field: 'route' }, { field: 'atS', format: '.1f', title: 's' }, { field: 'ms', format: '.1f', title: 'ms' }]
      }
    })
}

function serverLoopChart (runs: RouteRun[]): Chart {
  const percentiles = ['p50', 'p99', 'max'] as const
  const bars = runs.flatMap((run) => run.server === null
    ? []
    : percentiles.map((percentile) => ({ group: percentile, series: run.path, ms: run.server?.eventLoopDelayMs[percentile] ?? 0 })))
  const late = runs.map((run) => `${formatMs(run.server?.eventLoopDelayMs.p99 ?? null)} under ${run.path} (busy ${formatPercent(run.server?.eventLoopUtilization ?? null)})`)
  return percentileBars('Server-side event-loop delay during each run',
    `The server's own measurement (GET /stats): its event loop ran ${late.join(' and ')} late at p99 — the delay every request and timer on that server waited.`,
    bars, { y: 'event-loop delay', color: routeColor(runs, 'route under load') })
}

function sweepChart (runs: RouteRun[]): Chart {
  const values = runs.flatMap((run) => [
    { route: run.path, connections: run.connections, series: 'measured', reqPerSec: Math.max(run.reqPerSec, 0.1) },
    { route: run.path, connections: run.connections, series: 'bound', reqPerSec: run.bound.reqPerSec }
  ])
  return chart('Throughput against connections',
    'Solid lines are measured, dashed lines their bounds: a route that keeps up follows its dashed line as connections grow; a blocking route stays flat however many connections wait.', {
      data: { values },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'connections', type: 'quantitative', title: 'concurrent connections (log scale)', scale: { type: 'log' } },
        y: { field: 'reqPerSec', type: 'quantitative', title: 'requests per second (log scale)', scale: { type: 'log' } },
        color: routeColor(runs),
        strokeDash: { field: 'series', type: 'nominal', title: 'series', sort: ['measured', 'bound'] },
        detail: { field: 'series' },
        tooltip: [{ field: 'route' }, { field: 'series' }, { field: 'connections' }, { field: 'reqPerSec', format: '.1f', title: 'req/s' }]
      }
    })
}
