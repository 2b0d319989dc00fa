// The standard tables of a route comparison: one row per route at --connections, and with --sweep
// one row per route and connection count.
import { formatMs, formatPercent, formatRate } from '../core/format.js'
import { PROBE_INTERVAL_MS, type RouteComparisonRaw, type RouteRun } from '../core/route-run.js'
import { left, right, type Table } from '../core/scenario.js'

export function comparisonTables (raw: RouteComparisonRaw): Table[] {
  const tables = [mainTable(raw.runs)]
  if (raw.sweep.length > 0) tables.push(sweepTable(raw.sweep))
  return tables
}

function mainTable (runs: RouteRun[]): Table {
  const first = runs[0]
  return {
    title: first === undefined ? 'no runs' : `${first.connections} connections, ${Math.round(first.durationS)} s per route`,
    columns: [
      left('route'), right('req/s'), right('bound'), right('% of bound'),
      right('p50'), right('p97.5'), right('p99'), right('max'),
      right('errors'), right('timeouts'), right('non-2xx'),
      right('/health p50'), right('/health p99'), right('samples'),
      right('loop p99'), right('loop max')
    ],
    rows: runs.map((run) => [
      run.path, formatRate(run.reqPerSec), formatRate(run.bound.reqPerSec), formatPercent(run.fractionOfBound),
      formatMs(run.latencyMs.p50), formatMs(run.latencyMs.p97_5), formatMs(run.latencyMs.p99), formatMs(run.latencyMs.max),
      String(run.errors), String(run.timeouts), String(run.non2xx),
      formatMs(run.health.p50Ms), formatMs(run.health.p99Ms), `${run.health.answered}/${run.health.sent}`,
      formatMs(run.server?.eventLoopDelayMs.p99 ?? null), formatMs(run.server?.eventLoopDelayMs.max ?? null)
    ]),
    notes: [
      ...runs.map((run) => `bound of ${run.path}: ${run.bound.formula} = ${formatRate(run.bound.reqPerSec)} req/s`),
      `latencies from autocannon; errors include timeouts (per-request timeout ${runs.map((run) => `${run.timeoutS} s`).join(' / ')}, long enough for the whole queue).`,
      ...warmupNote(runs),
      `/health: probed every ${PROBE_INTERVAL_MS} ms during each run, on connections of its own; samples = answered/sent.`,
      'loop p99 / max: how late the server ran its event loop during the run, queue included (its GET /stats; – when it has none).'
    ]
  }
}

function sweepTable (runs: RouteRun[]): Table {
  return {
    title: 'connection sweep',
    columns: [right('connections'), left('route'), right('req/s'), right('bound'), right('% of bound'), right('p99'), right('/health p99'), right('errors')],
    rows: runs.map((run) => [
      String(run.connections), run.path, formatRate(run.reqPerSec), formatRate(run.bound.reqPerSec),
      formatPercent(run.fractionOfBound), formatMs(run.latencyMs.p99), formatMs(run.health.p99Ms), String(run.errors)
    ]),
    notes: [`each row: ${Math.round(runs[0]?.durationS ?? 0)} s of load; the runs at --connections are the ones in the table above.`]
  }
}

function warmupNote (runs: RouteRun[]): string[] {
  const warmed = runs.filter((run) => run.warmupS > 0)
  if (warmed.length === 0) return []
  return [`${warmed.map((run) => run.path).join(', ')}: ${warmed[0]?.warmupS ?? 0} s of load just before the run, not counted (warm-up); blocking routes need none.`]
}
