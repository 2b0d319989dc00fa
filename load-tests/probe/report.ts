// The probe's result in the load test's report shape — one scenario with its table, verdicts and
// charts — so the same reporters draw it in the terminal, report.md and report.html.
import { formatMs, formatPercent, formatRate, formatRatio } from '../core/format.js'
import type { Environment } from '../core/results-schema.js'
import { right, type Chart, type ScenarioResult, type Table } from '../core/scenario.js'
import { chart, percentileBars } from '../report/charts.js'
import type { ReportPage } from '../report/run-summary.js'
import type { ProbeOptions } from './options.js'
import type { ProbeRaw } from './results.js'
import { isLoopbackHost } from './target.js'
import type { ProbeJudgement } from './verdict.js'

const pathOf = (url: string) => { const parsed = new URL(url); return `${parsed.pathname}${parsed.search}` }

export function probeScenario (options: ProbeOptions, raw: ProbeRaw, judgement: ProbeJudgement): ScenarioResult {
  const suspect = pathOf(options.suspect)
  return {
    name: 'probe',
    title: `probe: does ${suspect} block the event loop?`,
    summary: `${suspect} loaded at ${options.steps.join(', ')} connections while ${pathOf(options.victim)}, a route nobody loads, is timed on connections of its own.`,
    tables: [stepsTable(options, raw)],
    verdicts: [{ text: `${suspect} ${judgement.text}`, passed: judgement.kind !== 'inconclusive' }, ...judgement.evidence],
    charts: [throughputChart(raw), victimChart(options, raw)],
    raw
  }
}

function stepsTable (options: ProbeOptions, raw: ProbeRaw): Table {
  const serialBound = 1000 / raw.tMs
  const { suspect, victimAtRest } = raw
  return {
    title: `${pathOf(options.suspect)} at rising concurrency, ${pathOf(options.victim)} timed meanwhile`,
    columns: [right('connections'), right('req/s'), right('serial bound'), right('concurrent bound'), right('% of concurrent'), right('× serial'),
      right('p50'), right('p99'), right('errors'), right('timeouts'), right('non-2xx'), right('victim p50'), right('victim p99'), right('victim max'), right('victim samples')],
    rows: raw.steps.map((step) => [
      String(step.connections), formatRate(step.reqPerSec), formatRate(serialBound), formatRate(step.connections * serialBound),
      formatPercent(step.reqPerSec / (step.connections * serialBound)), formatRatio(step.reqPerSec / serialBound),
      formatMs(step.latencyMs.p50), formatMs(step.latencyMs.p99), String(step.errors), String(step.timeouts), String(step.non2xx),
      formatMs(step.victim.p50Ms), formatMs(step.victim.p99Ms), formatMs(step.victim.maxMs), `${step.victim.answered}/${step.victim.sent}`
    ]),
    notes: [
      raw.tFrom === 'serial requests'
        ? `t = ${formatMs(raw.tMs)}: median of ${suspect.ok} one-at-a-time 2xx answers of the suspect (${suspect.sent} sent, ${suspect.non2xx} non-2xx, ${suspect.errors} without an answer).`
        : `t = ${formatMs(raw.tMs)}: median latency of the one-connection step, below the median of the ${suspect.ok} one-at-a-time 2xx answers before it (${formatMs(suspect.p50Ms)}): noise only adds time.`,
      `serial bound = 1000 / t = ${formatRate(serialBound)} req/s: what a handler that holds the event loop can serve; concurrent bound = connections × 1000 / t (Little's law).`,
      `victim at rest: p50 ${formatMs(victimAtRest.p50Ms)}, p99 ${formatMs(victimAtRest.p99Ms)} (${victimAtRest.ok} of ${victimAtRest.sent} one-at-a-time requests 2xx); during each step it is asked every 100 ms, samples = answered/sent.`,
      'req/s and latencies count 2xx answers only; errors, timeouts and non-2xx are counted in their own columns.',
      ...raw.steps.filter((step) => step.cappedByRequests).map((step) => `${step.connections} connections: ended after ${step.durationS} s at its share of --max-requests (${raw.suspectRequestsPerStep}).`),
      ...raw.skipped.map((skip) => `${skip.connections} connections: not run, ${skip.reason}.`),
      `${raw.requestsSent} requests sent in all (ceiling ${options.maxRequests}).`
    ]
  }
}

function throughputChart (raw: ProbeRaw): Chart {
  const serialBound = 1000 / raw.tMs
  const values = raw.steps.flatMap((step) => [
    { connections: step.connections, series: 'measured (2xx)', reqPerSec: Math.max(step.reqPerSec, 0.01) },
    { connections: step.connections, series: 'serial bound (1000 / t)', reqPerSec: serialBound },
    { connections: step.connections, series: 'concurrent bound (connections × 1000 / t)', reqPerSec: step.connections * serialBound }
  ])
  return chart('Suspect throughput against its bounds', 'A blocking route stays on the serial bound however many connections wait; a non-blocking one follows the concurrent bound; a route held by a pool or an upstream flattens above the serial bound.', {
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'connections', type: 'quantitative', scale: { type: 'log', base: 2 }, title: 'connections to the suspect (log scale)' },
      y: { field: 'reqPerSec', type: 'quantitative', scale: { type: 'log' }, title: 'req/s (log scale)' },
      color: { field: 'series', type: 'nominal', title: null, legend: { labelLimit: 320, orient: 'bottom', direction: 'vertical' }, sort: ['measured (2xx)', 'serial bound (1000 / t)', 'concurrent bound (connections × 1000 / t)'] },
      strokeDash: { condition: { test: "datum.series !== 'measured (2xx)'", value: [4, 3] }, value: [1, 0] },
      tooltip: [{ field: 'connections' }, { field: 'series' }, { field: 'reqPerSec', format: '.1f', title: 'req/s' }]
    }
  })
}

function victimChart (options: ProbeOptions, raw: ProbeRaw): Chart {
  const groups: Array<{ group: string, p50: number | null, p99: number | null }> = [
    { group: 'at rest', p50: raw.victimAtRest.p50Ms, p99: raw.victimAtRest.p99Ms },
    ...raw.steps.map((step) => ({ group: `${step.connections} conn.`, p50: step.victim.p50Ms, p99: step.victim.p99Ms }))
  ]
  const bars = groups.flatMap(({ group, p50, p99 }) => [
    ...(p50 === null ? [] : [{ group, series: 'p50', ms: p50 }]),
    ...(p99 === null ? [] : [{ group, series: 'p99', ms: p99 }])
  ])
  return percentileBars(`${pathOf(options.victim)} while the suspect is loaded`, 'The victim is a route nobody loads: when the suspect blocks, it waits about one round of the suspect\'s requests (connections × t); when not, it stays at its resting time.', bars, {
    group: { field: 'step', title: 'suspect connections' },
    y: 'victim latency',
    color: { field: 'stat', type: 'nominal', title: 'victim', scale: { domain: ['p50', 'p99'] } }
  })
}

export function probeReportPage (results: { startedAt: string, finishedAt: string, options: ProbeOptions, environment: Environment, scenarios: ScenarioResult[] }): ReportPage {
  const { options, environment: env } = results
  const remote = !isLoopbackHost(new URL(options.suspect).hostname) || !isLoopbackHost(new URL(options.victim).hostname)
  const tookS = (Date.parse(results.finishedAt) - Date.parse(results.startedAt)) / 1000
  const commit = env.gitCommit === null ? 'not a git checkout' : `commit ${env.gitCommit.slice(0, 12)}${env.gitDirty === true ? ' (with uncommitted changes)' : ''}`
  return {
    title: `Event Loop Lab probe, ${results.startedAt}`,
    summaryLines: [
      `Suspect: ${options.suspect}; victim: ${options.victim}${remote ? ' (remote, allowed with --allow-remote)' : ' (loopback)'}.`,
      `Steps: ${options.steps.join(', ')} connections, ${options.stepDurationS} s each; per-request timeout ${options.timeoutS} s; ` +
        `ceilings ${options.maxRequests} requests and ${options.maxDurationS} s (took ${tookS.toFixed(1)} s).`,
      `Probe client: Node ${env.node}, ${env.platform}, ${env.cpuCount} × ${env.cpuModel}; load average ${env.loadAverage.join(' / ')} when the probe started; ${commit}.`
    ],
    scenarios: results.scenarios
  }
}
