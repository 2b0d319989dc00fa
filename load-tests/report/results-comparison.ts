// Run A vs run B as a table, verdict lines, and files (comparison.json, comparison.md), drawn only
// from the comparison data (core/compare-results.ts).
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ResultsComparison, RouteDelta } from '../core/compare-results.js'
import { formatLatency, formatMs, formatRate } from '../core/format.js'
import { left, right, type Table } from '../core/scenario.js'
import type { Welch } from '../core/welch.js'
import { renderMarkdownTable } from './markdown.js'
import { renderTextTable } from './terminal.js'

const signed = (fraction: number | null) => fraction === null ? '–' : `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)} %`
const pValue = (test: Welch | null) => test === null ? '–' : test.p < 0.001 ? '< 0.001' : test.p.toFixed(3)

export function comparisonTable (comparison: ResultsComparison): Table {
  return {
    title: 'run A vs run B, per route',
    columns: [left('scenario'), left('route'), right('conns'), right('req/s A'), right('req/s B'), right('Δ req/s'), right('p (req/s)'),
      right('p50 A'), right('p50 B'), right('p99 A'), right('p99 B'), right('Δ latency'), right('p (latency)'), left('B is')],
    rows: comparison.routes.map((route) => [
      route.scenario, route.path, String(route.connections),
      formatRate(route.a.reqPerSec), formatRate(route.b.reqPerSec), signed(route.reqPerSecChange), pValue(route.reqPerSecTest),
      formatLatency(route.a.p50Ms, route.a.latencyIsLowerBound), formatLatency(route.b.p50Ms, route.b.latencyIsLowerBound),
      formatLatency(route.a.p99Ms, route.a.latencyIsLowerBound), formatLatency(route.b.p99Ms, route.b.latencyIsLowerBound),
      signed(route.latencyChange), pValue(route.latencyTest), route.verdict
    ]),
    notes: [
      `A: ${comparison.a.file} (${comparison.a.startedAt}${envText(comparison.a.serverEnv)}); B: ${comparison.b.file} (${comparison.b.startedAt}${envText(comparison.b.serverEnv)}).`,
      'Δ: (B − A) ÷ A of the mean over the run\'s seconds; p: Welch\'s t-test, each second of each run one sample (req/s completed, mean latency of its answers).',
      `A difference counts when p < ${comparison.alpha} and it is at least ${(comparison.minEffect * 100).toFixed(0)} %: req/s decides, latency when req/s does not differ (a route held at its bound).`,
      ...(comparison.unmatched.length === 0 ? [] : [`in one file only, not compared: ${comparison.unmatched.join('; ')}`]),
      ...comparison.caveats.map((caveat) => `caution: ${caveat}.`)
    ]
  }
}

const envText = (env: string[]) => env.length === 0 ? '' : `, server env ${env.join(' ')}`

export function deltaLine (route: RouteDelta): string {
  const what = route.decidedBy === 'latency'
    ? `latency ${formatMs(route.latencyTest?.meanA ?? null)} → ${formatMs(route.latencyTest?.meanB ?? null)} (${signed(route.latencyChange)}, p ${pValue(route.latencyTest)})`
    : `${formatRate(route.reqPerSecTest?.meanA ?? null)} → ${formatRate(route.reqPerSecTest?.meanB ?? null)} req/s (${signed(route.reqPerSecChange)}, p ${pValue(route.reqPerSecTest)})`
  return `${route.scenario} ${route.path}: B is ${route.verdict === 'faster' || route.verdict === 'slower' ? route.verdict : `— ${route.verdict}`}: ${what}`
}

export function renderComparisonText (comparison: ResultsComparison): string {
  return [renderTextTable(comparisonTable(comparison)), '', 'Verdict', ...comparison.routes.map(deltaLine), ''].join('\n')
}

export function renderComparisonMarkdown (comparison: ResultsComparison): string {
  const table = comparisonTable(comparison)
  return ['# Event Loop Lab: run A vs run B', '', renderMarkdownTable(table), '', ...table.notes.map((note) => `- ${note}`), '', '## Verdict', '',
    ...comparison.routes.map((route) => `- ${deltaLine(route)}`), ''].join('\n')
}

export interface ComparisonFiles { json: string, markdown: string }

export async function writeComparison (comparison: ResultsComparison, dir: string): Promise<ComparisonFiles> {
  const files = { json: join(dir, 'comparison.json'), markdown: join(dir, 'comparison.md') }
  await mkdir(dir, { recursive: true })
  await writeFile(files.json, `${JSON.stringify(comparison, null, 2)}\n`)
  await writeFile(files.markdown, renderComparisonMarkdown(comparison))
  return files
}
