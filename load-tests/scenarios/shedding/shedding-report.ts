// The shedding scenario's table, verdict and charts, from its runs alone. What counts is what a client
// gets: answers accepted per second, answers refused (503 + Retry-After), and how long an accepted
// request waited (autocannon's latency of 2xx answers only).
import type { LoopStats } from '../../../src/loop-stats.js'
import { chart, percentileBars } from '../../report/charts.js'
import { formatMs, formatRate, formatRatio } from '../../core/format.js'
import type { RouteRun } from '../../core/route-run.js'
import { left, right, type Chart, type Table, type Verdict } from '../../core/scenario.js'
import { ratio } from '../../core/statistics.js'

export interface SheddingRun {
  /** The server's settings as its /stats reported them; null when it has no /stats. */
  shedding: LoopStats['shedding'] | null
  run: RouteRun
}

const count = (run: RouteRun, status: number): number => run.statusCodes[String(status)] ?? 0
const perSecond = (run: RouteRun, status: number): number => (run.durationS > 0 ? count(run, status) / run.durationS : 0)

export function describeShedding (shedding: SheddingRun['shedding']): string {
  if (shedding === null) return 'unknown (no /stats)'
  if (!shedding.enabled) return 'off'
  const thresholds = [
    shedding.maxEventLoopDelayMs > 0 ? `loop delay > ${shedding.maxEventLoopDelayMs} ms` : '',
    shedding.maxEventLoopUtilization > 0 ? `utilisation > ${shedding.maxEventLoopUtilization}` : ''
  ].filter((text) => text !== '')
  return `on (${thresholds.join(' or ')})`
}

export function sheddingTable (runs: SheddingRun[]): Table {
  const first = runs[0]?.run
  return {
    title: first === undefined ? 'no runs' : `${first.path}, ${first.connections} connections, ${Math.round(first.durationS)} s per server`,
    columns: [
      left('shedding'), right('accepted req/s'), right('bound'), right('503s'), right('503/s'), right('errors'),
      right('accepted p50'), right('accepted p99'), right('accepted max'), right('/health p99'), right('loop p99'), right('loop max')
    ],
    rows: runs.map(({ shedding, run }) => [
      describeShedding(shedding), formatRate(perSecond(run, 200)), formatRate(run.bound.reqPerSec),
      String(count(run, 503)), formatRate(perSecond(run, 503)), String(run.errors),
      formatMs(run.latencyMs.p50), formatMs(run.latencyMs.p99), formatMs(run.latencyMs.max),
      formatMs(run.health.p99Ms), formatMs(run.server?.eventLoopDelayMs.p99 ?? null), formatMs(run.server?.eventLoopDelayMs.max ?? null)
    ]),
    notes: [
      `bound: ${first?.bound.formula ?? ''}; shedding cannot raise it, only refuse what would queue behind it.`,
      'accepted p50/p99/max: latency of the 200 answers only (autocannon excludeErrorStats); the 503s come back in about a millisecond.',
      'autocannon retries a refused request at once, ignoring Retry-After; answering those 503s costs the loop time too.',
      '/health is never shed (a liveness probe); loop p99/max: the server\'s own event-loop delay during the run (GET /stats).'
    ]
  }
}

export function sheddingVerdict (runs: SheddingRun[]): Verdict {
  const off = runs.find(({ shedding }) => shedding?.enabled !== true)?.run
  const on = runs.find(({ shedding }) => shedding?.enabled === true)?.run
  if (off === undefined || on === undefined) {
    const [only] = runs
    if (only === undefined) return { text: 'shedding: nothing ran', passed: false }
    return {
      text: `shedding ${describeShedding(only.shedding)} only: accepted ${formatRate(perSecond(only.run, 200))} req/s, p99 ${formatMs(only.run.latencyMs.p99)}; ` +
        `${count(only.run, 503)} requests refused with 503. Run it without --url to compare with the other setting.`,
      passed: true
    }
  }
  const bounded = ratio(off.latencyMs.p99, on.latencyMs.p99)
  return {
    text: `shedding: accepted p99 ${formatMs(on.latencyMs.p99)} with vs ${formatMs(off.latencyMs.p99)} without (${formatRatio(bounded)} lower), ` +
      `${count(on, 503)} requests refused with 503; accepted ${formatRate(perSecond(on, 200))} vs ${formatRate(perSecond(off, 200))} req/s`,
    passed: count(on, 503) > 0 && on.latencyMs.p99 < off.latencyMs.p99
  }
}

export function sheddingCharts (runs: SheddingRun[]): Chart[] {
  const label = ({ shedding }: SheddingRun) => `shedding ${describeShedding(shedding)}`
  const servers = { field: 'server', type: 'nominal' as const, title: 'server', scale: { domain: runs.map(label) } }
  const latencies = runs.flatMap((entry) => (['p50', 'p99', 'max'] as const)
    .map((percentile) => ({ group: percentile, series: label(entry), ms: entry.run.latencyMs[percentile] })))
  const answers = runs.flatMap((entry) => [
    { server: label(entry), answer: 'accepted (200)', perSecond: perSecond(entry.run, 200) },
    { server: label(entry), answer: 'shed (503)', perSecond: perSecond(entry.run, 503) }
  ])
  const p99s = runs.map((entry) => `${formatMs(entry.run.latencyMs.p99)} with ${label(entry)}`)
  const rates = runs.map((entry) => `${formatRate(perSecond(entry.run, 200))} accepted and ${formatRate(perSecond(entry.run, 503))} shed per second with ${label(entry)}`)
  return [
    percentileBars('Latency of accepted requests',
      `An accepted request waited ${p99s.join(' and ')} at p99: shedding refuses what would queue, so what it accepts is served soon.`,
      latencies, { y: 'latency of 200 answers', color: servers }),
    chart('Answers per second: accepted and shed', `${rates.join('; ')}: shedding does not make the blocked loop serve more, it answers the rest at once with a 503 instead of letting them wait.`, {
      data: { values: answers },
      mark: 'bar',
      encoding: {
        x: { field: 'server', type: 'nominal', title: 'server', sort: null, axis: { labelAngle: 0 } },
        y: { field: 'perSecond', type: 'quantitative', title: 'answers per second' },
        color: { field: 'answer', type: 'nominal', title: 'answer', scale: { range: ['#4c78a8', '#e45756'] } },
        tooltip: [{ field: 'server' }, { field: 'answer' }, { field: 'perSecond', format: '.1f', title: 'per second' }]
      }
    })
  ]
}
