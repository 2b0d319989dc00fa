// The standard tables of a route comparison: one row per route at --connections, and with --sweep
// one row per route and connection count.
import { formatLatency, formatMs, formatPercent, formatRate } from '../core/format.js'
import { PROBE_INTERVAL_MS, type RouteComparisonRaw, type RouteRun } from '../core/route-run.js'
import { left, right, type Table } from '../core/scenario.js'
import { openLoopTable } from './open-loop.js'

export function comparisonTables (raw: RouteComparisonRaw): Table[] {
  const main = mainTable(raw.runs)
  const tables = [raw.openLoop.length === 0 ? main : { ...main, title: `closed loop: ${main.title}` }]
  if (raw.openLoop.length > 0) tables.push(openLoopTable(raw.openLoop))
  if (raw.runs.some((run) => (run.heldBy?.stalls ?? 0) > 0)) tables.push(heldByTable(raw.runs))
  if (raw.sweep.length > 0) tables.push(sweepTable(raw.sweep))
  return tables
}

function mainTable (runs: RouteRun[]): Table {
  const first = runs[0]
  return {
    title: first === undefined ? 'no runs' : `${first.connections} connections, ${Math.round(first.durationS)} s per route`,
    columns: [
      left('route'), right('req/s'), right('bound'), right('% of bound'),
      right('sent'), right('answered'), right('waiting at close'),
      right('p50'), right('p97.5'), right('p99'), right('max'),
      right('errors'), right('timeouts'), right('non-2xx'),
      right('/health p50'), right('/health p99'), right('samples'),
      right('loop p99'), right('loop max')
    ],
    rows: runs.map((run) => [
      run.path, formatRate(run.reqPerSec), formatRate(run.bound.reqPerSec), formatPercent(run.fractionOfBound),
      String(run.requests.sent), String(run.requests.answered), String(run.requests.waitingAtClose),
      ...[run.latencyMs.p50, run.latencyMs.p97_5, run.latencyMs.p99, run.latencyMs.max].map((ms) => formatLatency(ms, run.latencyIsLowerBound)),
      String(run.errors), String(run.timeouts), String(run.non2xx),
      formatMs(run.health.p50Ms), formatMs(run.health.p99Ms), `${run.health.answered}/${run.health.sent}`,
      formatMs(run.server?.eventLoopDelayMs.p99 ?? null), formatMs(run.server?.eventLoopDelayMs.max ?? null)
    ]),
    notes: [
      ...runs.map((run) => `bound of ${run.path}: ${run.bound.formula} = ${formatRate(run.bound.reqPerSec)} req/s`),
      'sent / answered: requests sent and answered within the window; waiting at close: sent and not yet answered when it closed.',
      `latencies from autocannon, of every request sent in the window: the run stops sending at the close and waits for the ${runs.reduce((sum, run) => sum + run.requests.waitingAtClose, 0)} still waiting ` +
        `(${runs.map((run) => `${run.requests.drained} answered, ${run.requests.unanswered} never`).join(' / ')}); ≥ marks a lower bound, when some were never answered.`,
      `errors include timeouts (per-request timeout ${runs.map((run) => `${run.timeoutS} s`).join(' / ')}, long enough for the whole queue).`,
      ...warmupNote(runs),
      `/health: probed every ${PROBE_INTERVAL_MS} ms during each run, on connections of its own; samples = answered/sent.`,
      'loop p99 / max: how late the server ran its event loop during the run, queue included (its GET /stats; – when it has none).',
      cpuNote(runs)
    ]
  }
}

function sweepTable (runs: RouteRun[]): Table {
  return {
    title: 'connection sweep',
    columns: [right('connections'), left('route'), right('req/s'), right('bound'), right('% of bound'), right('p99'), right('/health p99'), right('errors')],
    rows: runs.map((run) => [
      String(run.connections), run.path, formatRate(run.reqPerSec), formatRate(run.bound.reqPerSec),
      formatPercent(run.fractionOfBound), formatLatency(run.latencyMs.p99, run.latencyIsLowerBound), formatMs(run.health.p99Ms), String(run.errors)
    ]),
    notes: [`each row: ${Math.round(runs[0]?.durationS ?? 0)} s of load; the runs at --connections are the ones in the table above.`]
  }
}

/**
 * Who had the CPU: on one machine the server and the load generator share its cores, and a
 * non-blocking route short of its bound at many connections is often the machine's limit, not the
 * server's. Said for every run, so a reader can tell.
 */
function cpuNote (runs: RouteRun[]): string {
  const generator = runs.map((run) => `${run.loadGenerator.cpuCores.toFixed(2)}`).join(' / ')
  const server = runs.map((run) => run.server === null ? '–' : formatPercent(run.server.eventLoopUtilization)).join(' / ')
  return `CPU in each window: the load generator (this process: autocannon, the /health probe) ${generator} of a core; ` +
    `the server's event loop busy ${server} of the run (its GET /stats); ${runs[0]?.loadGenerator.machineCores ?? 0} cores on the load generator's machine, which the server shares when it runs there too.`
}

function warmupNote (runs: RouteRun[]): string[] {
  const warmed = runs.filter((run) => run.warmupS > 0)
  if (warmed.length === 0) return []
  return [
    `${warmed.map((run) => run.path).join(', ')}: ${warmed[0]?.warmupS ?? 0} s of load just before the run, on its connections, not counted (warm-up); blocking routes need none. ` +
      'Halfway through the warm-up the server\'s window opens (loop p99 / max, event loop busy, stalls) and the /health probe starts, so their requests do not disturb the counted window.',
    // A request out when the window opened is answered in it: the server's work in the window.
    `req/s: every answer the window received, the warm-up's last requests' included (${warmed.map((run) => `${run.requests.answeredFromWarmUp} on ${run.path}`).join(', ')}); their latencies are the warm-up's.`
  ]
}

/** The server's stall detector's view of each run: how often the loop was held, and by what. */
function heldByTable (runs: RouteRun[]): Table {
  return {
    title: 'What held the loop (the server\'s stall detector)',
    columns: [left('route'), right('stalls'), right('longest'), left('held by')],
    rows: runs.map((run) => [
      run.path,
      run.heldBy === undefined || run.heldBy === null ? '–' : String(run.heldBy.stalls),
      formatMs(run.heldBy?.longestMs ?? null),
      (run.heldBy?.culprits ?? []).map(({ where, stalls }) => `${where} ×${stalls}`).join('; ')
    ]),
    notes: [
      'Stalls: times the event loop was held STALL_WARN_MS or more; queued blocking requests run back to back count as one long stall.',
      'Held by: the first frame of the project\'s own code in the stacks the server kept (GET /stats, its last stalls).'
    ]
  }
}
