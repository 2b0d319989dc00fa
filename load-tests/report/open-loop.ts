// The open-loop runs (--rate) as a table and a chart, beside the closed-loop ones: the same routes
// under the other model of load, and what each model is for.
import { chart } from './charts.js'
import { formatLatency, formatPercent, formatRate, formatRatio } from '../core/format.js'
import type { OpenLoopRun } from '../core/open-loop.js'
import { left, right, type Chart, type Table } from '../core/scenario.js'
import { ratio } from '../core/statistics.js'

export const MODELS_NOTE = 'Closed loop (the table above): a fixed number of clients, each waiting for its answer before asking again — ' +
  'the right model for a known pool of callers (a connection pool, a batch job, a load balancer\'s health checks); it cannot show a queue the clients ' +
  'themselves stop feeding. Open loop (this table): requests arrive at a rate, whatever the answers — the right model for a public service, whose users ' +
  'arrive independently of how slow it is.'

export function openLoopTable (runs: OpenLoopRun[]): Table {
  return {
    title: `open loop: ${formatRate(runs[0]?.rate ?? 0)} requests per second whatever the answers, ${runs[0]?.durationS ?? 0} s per route`,
    columns: [left('route'), right('rate'), right('bound'), right('of bound'), right('sent'), right('answered'), right('never'),
      right('first second p50'), right('last second p50'), right('growth'), right('p50'), right('p99'), right('max')],
    rows: runs.map((run) => {
      const last = run.perSecond.at(-1)?.lowerBound ?? false
      return [run.path, formatRate(run.rate), formatRate(run.bound.reqPerSec), formatPercent(run.rate / run.bound.reqPerSec),
        String(run.sent), String(run.answered), String(run.unanswered),
        formatLatency(run.startMs, run.perSecond[0]?.lowerBound ?? false), formatLatency(run.endMs, last), formatRatio(ratio(run.endMs, run.startMs)),
        ...[run.latencyMs.p50, run.latencyMs.p99, run.latencyMs.max].map((ms) => formatLatency(ms, run.latencyIsLowerBound))]
    }),
    notes: [
      MODELS_NOTE,
      'Each request is timed from when it was due (request i at i ÷ rate s), not from when a connection was free: no coordinated omission. ' +
        `The run sends for its duration, then waits for every answer (timeout ${runs.map((run) => `${run.timeoutS} s`).join(' / ')}; one never answered counts at the timeout, ≥).`,
      ...runs.map((run) => `bound of ${run.path}: ${run.bound.formula} (the sender's ${run.maxSockets} connections at most)`)
    ]
  }
}

export function openLoopChart (runs: OpenLoopRun[]): Chart {
  const values = runs.flatMap((run) => run.perSecond.flatMap((second) => second.p50Ms === null ? [] : [{ route: run.path, atS: second.second, ms: Math.max(second.p50Ms, 0.1) }]))
  const growth = runs.map((run) => `${run.path} ${formatLatency(run.startMs, false)} → ${formatLatency(run.endMs, run.perSecond.at(-1)?.lowerBound ?? false)}`)
  return chart(`Open loop: latency over time at ${formatRate(runs[0]?.rate ?? 0)} req/s`,
    `Median latency of the requests sent in each second (${growth.join('; ')}): above its bound a blocking route's queue grows by the excess every second, and so does the wait, without limit; below it, latency stays flat.`, {
      data: { values },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'atS', type: 'quantitative', title: 'second of the run the requests were sent in' },
        y: { field: 'ms', type: 'quantitative', title: 'median latency (ms, log scale)', scale: { type: 'log' } },
        color: { field: 'route', type: 'nominal', title: 'route', scale: { domain: runs.map((run) => run.path) } },
        tooltip: [{ field: 'route' }, { field: 'atS', title: 's' }, { field: 'ms', format: '.1f', title: 'ms' }]
      }
    })
}
