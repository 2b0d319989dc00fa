// The scale scenario's table, verdicts and charts, from its runs only.
import { formatMs, formatPercent, formatRate, formatRatio } from '../../core/format.js'
import type { LoadOptions } from '../../core/options.js'
import { boundCheck, thresholdCheck, withHeadline } from '../../core/pair-verdicts.js'
import type { RouteRun } from '../../core/route-run.js'
import { left, right, type Chart, type Table, type Verdict } from '../../core/scenario.js'
import { ratio } from '../../core/statistics.js'
import { chart, valueLabels } from '../../report/charts.js'

export interface ScaleRun {
  processes: number
  /** The workers that answered before the runs (one pid each). */
  pids: number[]
  async: RouteRun
  sync: RouteRun
}

const plural = (processes: number) => `${processes} process${processes === 1 ? '' : 'es'}`

export function scaleTable (runs: ScaleRun[], ms: number): Table {
  const base = runs[0]
  return {
    title: `${runs[0]?.async.connections ?? 0} connections, ${ms} ms per request, ${runs[0]?.async.durationS.toFixed(0) ?? 0} s per route`,
    columns: [right('processes'), left('route'), right('req/s'), right('bound'), right('% of bound'), right(`× ${plural(base?.processes ?? 1)}`),
      right('p50'), right('p99'), right('/health p50'), right('/health p99')],
    rows: runs.flatMap((run) => [run.async, run.sync].map((route) => {
      const reference = route.role === 'blocking' ? base?.sync : base?.async
      return [String(run.processes), route.path, formatRate(route.reqPerSec), formatRate(route.bound.reqPerSec), formatPercent(route.fractionOfBound),
        formatRatio(ratio(route.reqPerSec, reference?.reqPerSec ?? null)), formatMs(route.latencyMs.p50), formatMs(route.latencyMs.p99),
        formatMs(route.health.p50Ms), formatMs(route.health.p99Ms)]
    })),
    notes: [
      ...runs.map((run) => `${plural(run.processes)} (pids ${run.pids.join(', ')}): blocking bound ${run.sync.bound.formula}; non-blocking ${run.async.bound.formula}`),
      '/health: probed on new connections of its own during each run; node:cluster deals each one to a worker in turn, blocked or not.',
      'The non-blocking bound does not depend on the processes: one event loop already overlaps every wait.'
    ]
  }
}

export function scaleVerdicts (runs: ScaleRun[], options: LoadOptions, scaleMin: number): Verdict[] {
  const fewest = runs[0]
  const most = runs[runs.length - 1]
  if (fewest === undefined || most === undefined) throw new Error('scale: no run')
  const expected = most.processes / fewest.processes
  const speedup = ratio(most.sync.reqPerSec, fewest.sync.reqPerSec)
  const checks: Verdict[] = []
  if (most !== fewest) {
    checks.push(thresholdCheck(`blocking route: ${formatRatio(speedup)} the req/s with ${plural(most.processes)} as with ${plural(fewest.processes)}, ` +
      `${formatPercent(ratio(speedup, expected))} of the ${formatRatio(expected)} the processes allow (threshold ≥ ${formatPercent(scaleMin)})`,
    'check-scale-min', ratio(speedup, expected), '>=', scaleMin))
  }
  for (const run of runs) {
    for (const route of [run.sync, run.async]) {
      const check = boundCheck(route, options.thresholds)
      checks.push({ ...check, text: `${plural(run.processes)}: ${check.text}` })
    }
  }
  // Still waits: the probe's median under blocking load stays above one request's time on every
  // server; it is not a threshold to tune, it is what blocking does.
  for (const run of runs) {
    checks.push({
      text: `${plural(run.processes)}: /health p50 during blocking load ${formatMs(run.sync.health.p50Ms)}, ` +
        `above one blocking request (${options.ms} ms): the probe still waits behind a blocked process`,
      passed: run.sync.health.p50Ms !== null && run.sync.health.p50Ms >= options.ms
    })
  }
  const headline = `scale: blocking route ${formatRate(fewest.sync.reqPerSec)} → ${formatRate(most.sync.reqPerSec)} req/s from ${plural(fewest.processes)} to ${plural(most.processes)} ` +
    `(${formatRatio(speedup)}, bound ${formatRatio(expected)}); non-blocking ${formatRate(fewest.async.reqPerSec)} req/s on ${plural(fewest.processes)}; ` +
    `/health p99 under blocking load ${formatMs(fewest.sync.health.p99Ms)} → ${formatMs(most.sync.health.p99Ms)}`
  return withHeadline(headline, checks)
}

export function scaleCharts (runs: ScaleRun[]): Chart[] {
  const throughput = runs.flatMap((run) => [
    { processes: String(run.processes), series: 'blocking, measured', reqPerSec: run.sync.reqPerSec, label: formatRate(run.sync.reqPerSec) },
    { processes: String(run.processes), series: 'blocking, bound N × 1000 / ms', reqPerSec: run.sync.bound.reqPerSec, label: formatRate(run.sync.bound.reqPerSec) },
    { processes: String(run.processes), series: 'non-blocking, measured', reqPerSec: run.async.reqPerSec, label: formatRate(run.async.reqPerSec) }
  ])
  const series = ['blocking, measured', 'blocking, bound N × 1000 / ms', 'non-blocking, measured']
  const health = runs.flatMap((run) => [
    { processes: String(run.processes), percentile: 'p50', ms: Math.max(run.sync.health.p50Ms ?? 0, 0.1), label: formatMs(run.sync.health.p50Ms) },
    { processes: String(run.processes), percentile: 'p99', ms: Math.max(run.sync.health.p99Ms ?? 0, 0.1), label: formatMs(run.sync.health.p99Ms) }
  ])
  return [
    chart('req/s by server processes', 'The blocking route follows its bound N × 1000 / ms up with the processes; the non-blocking route was far above it with one.', {
      data: { values: throughput },
      encoding: {
        x: { field: 'processes', type: 'ordinal', title: 'server processes (WORKERS)', axis: { labelAngle: 0 } },
        xOffset: { field: 'series', type: 'nominal', sort: series },
        y: { field: 'reqPerSec', type: 'quantitative', title: 'req/s (log scale)', scale: { type: 'log' } },
        color: { field: 'series', type: 'nominal', title: 'route', scale: { domain: series } },
        tooltip: [{ field: 'processes', type: 'ordinal' }, { field: 'series', type: 'nominal' }, { field: 'label', type: 'nominal', title: 'req/s' }]
      },
      layer: [{ mark: 'bar' }, valueLabels('label')]
    }),
    chart('/health during blocking load, by server processes', 'Under full blocking load the probe waits seconds whatever the processes: every one of them is blocked.', {
      data: { values: health },
      encoding: {
        x: { field: 'processes', type: 'ordinal', title: 'server processes (WORKERS)', axis: { labelAngle: 0 } },
        xOffset: { field: 'percentile', type: 'nominal', sort: ['p50', 'p99'] },
        y: { field: 'ms', type: 'quantitative', title: '/health latency (ms, log scale)', scale: { type: 'log' } },
        color: { field: 'percentile', type: 'nominal', title: 'percentile', scale: { domain: ['p50', 'p99'] } },
        tooltip: [{ field: 'processes', type: 'ordinal' }, { field: 'percentile', type: 'nominal' }, { field: 'label', type: 'nominal', title: 'latency' }]
      },
      layer: [{ mark: 'bar' }, valueLabels('label')]
    })
  ]
}
