// The bench's report: one section in the load test's shape (tables, verdicts, a chart), so the
// terminal, markdown and HTML reporters of load-tests/report/ draw it the same way.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { formatRate } from '../core/format.js'
import { PROJECT_ROOT } from '../core/project-root.js'
import { left, right, type Chart, type ScenarioResult, type Table } from '../core/scenario.js'
import { chart } from '../report/charts.js'
import { renderHtmlPage } from '../report/html.js'
import { renderMarkdownTable } from '../report/markdown.js'
import { renderTextTable, verdictLine } from '../report/terminal.js'
import type { BenchResults } from './run-bench.js'
import { benchChecks, summarizeBench, type TargetSummary } from './bench-summary.js'

const two = (value: number | null): string => value === null ? '–' : value.toFixed(2)
const micro = (value: number | null): string => value === null ? '–' : value.toFixed(1)

function ratioTable (results: BenchResults, summaries: TargetSummary[]): Table {
  const { options } = results
  return {
    title: `${options.connections} connections, ${options.durationS} s per target and round, ${options.rounds} round${options.rounds === 1 ? '' : 's'}`,
    columns: [left('target'), left('path'), right('req/s'), right('vs bare'), right('spread'), right('CPU µs/req'), right('CPU vs bare'), right('server busy'), right('errors')],
    rows: summaries.map((summary) => [
      summary.label, summary.path, formatRate(summary.reqPerSec), two(summary.ratio),
      summary.ratioMin === null ? '–' : `${two(summary.ratioMin)}–${two(summary.ratioMax)}`,
      micro(summary.cpuUsPerRequest), two(summary.cpuRatio), two(summary.serverBusy), String(summary.errors)
    ]),
    notes: [
      'req/s: median over rounds. vs bare: median over rounds of req/s ÷ bare Fastify\'s req/s in the half-second slices alternating with the target\'s; spread: lowest–highest of those.',
      'CPU µs/req: the server process\'s CPU time (user + system, all threads) per answered request, median over rounds; CPU vs bare: median over rounds of bare\'s in the alternating slices ÷ this (1 = as cheap as bare).',
      'server busy: the server\'s CPU time ÷ the time measured, median over rounds. Near 1, the server set the pace; well below, the client (autocannon, on the other core) held it back, and the req/s ratios lean towards 1: read CPU vs bare then.',
      results.pinned === null
        ? 'not pinned (no taskset or one core): server and autocannon shared the cores.'
        : `server on core ${results.pinned.server}, autocannon on core ${results.pinned.client}; every process new each round (bare Fastify one per round, each other target one per run), one lab server at a time, next to bare Fastify.`,
      'errors: connection errors, timeouts and non-2xx answers, all rounds.'
    ]
  }
}

/** The x axis ends here: a whisker of a starved round (a spread up to 30 was seen) is cut at the edge. */
const CHART_MAX_RATIO = 1.6

function ratioChart (summaries: TargetSummary[], thresholds: number[]): Chart {
  const values = summaries.map((summary) => ({
    target: summary.label, ratio: summary.ratio ?? 0, low: summary.ratioMin ?? 0, high: Math.min(summary.ratioMax ?? 0, CHART_MAX_RATIO), label: two(summary.ratio)
  }))
  const y = { field: 'target', type: 'nominal' as const, sort: summaries.map((summary) => summary.label), title: null, axis: { labelLimit: 400 } }
  const x = { type: 'quantitative' as const, scale: { domain: [0, CHART_MAX_RATIO] } }
  return chart('req/s of each target ÷ bare Fastify', `Each bar: the median ratio over rounds, printed at its end; the whisker its spread (cut at ${CHART_MAX_RATIO}); the dashed lines are the bars the default configuration must clear.`, {
    width: 420,
    height: { step: 22 },
    layer: [
      { data: { values }, mark: 'bar', encoding: { y, x: { ...x, field: 'ratio', title: 'req/s ÷ bare Fastify req/s' } } },
      { data: { values }, mark: { type: 'rule', clip: true }, encoding: { y, x: { ...x, field: 'low' }, x2: { field: 'high' } } },
      { data: { values }, mark: { type: 'text', align: 'right', dx: -4, color: 'white', fontSize: 10 }, encoding: { y, x: { ...x, field: 'ratio' }, text: { field: 'label' } } },
      { data: { values: thresholds.map((threshold) => ({ threshold })) }, mark: { type: 'rule', strokeDash: [4, 3], color: '#cf222e' }, encoding: { x: { ...x, field: 'threshold' } } }
    ]
  } as never)
}

function benchSection (results: BenchResults): ScenarioResult {
  const summaries = summarizeBench(results)
  const checks = benchChecks(results, summaries)
  return {
    name: 'bench',
    title: 'What observability costs',
    summary: 'The lab\'s server with each per-request feature on in turn, against bare Fastify, all in one run.',
    tables: [ratioTable(results, summaries)],
    verdicts: checks.map((check) => ({ text: check.text, passed: check.passed, check: { option: `--min-${check.name === 'default' ? 'health' : 'async'}`, measured: check.measured, threshold: check.threshold, comparison: '>=' as const } })),
    charts: [ratioChart(summaries, checks.map((check) => check.threshold))],
    raw: summaries
  }
}

function benchMetaLines (results: BenchResults): string[] {
  const env = results.environment
  const commit = env.gitCommit === null ? 'not a git checkout' : `commit ${env.gitCommit.slice(0, 12)}${env.gitDirty === true ? ' (with uncommitted changes)' : ''}`
  return [
    `Command: npm run bench -- --duration ${results.options.durationS} --rounds ${results.options.rounds} --connections ${results.options.connections}`,
    `Machine: Node ${env.node}, ${env.platform}, ${env.cpuCount} × ${env.cpuModel}; load average ${env.loadAverage.join(' / ')} when the run started; ${commit}.`
  ]
}

export function renderBenchText (results: BenchResults): string {
  const section = benchSection(results)
  return [
    ...benchMetaLines(results),
    '',
    ...section.tables.flatMap((table) => [table.title, renderTextTable(table), '']),
    'Verdict',
    ...section.verdicts.map(verdictLine),
    ''
  ].join('\n')
}

function renderBenchMarkdown (results: BenchResults): string {
  const section = benchSection(results)
  return [
    `# ${section.title}, ${results.startedAt}`, '',
    ...benchMetaLines(results).map((line) => `- ${line}`), '',
    ...section.tables.flatMap((table) => [`### ${table.title}`, '', renderMarkdownTable(table), '', ...table.notes.map((note) => `- ${note}`), '']),
    ...section.verdicts.map((verdict) => `- ${verdictLine(verdict)}`), ''
  ].join('\n')
}

export function defaultBenchDir (startedAt: string): string {
  return join(PROJECT_ROOT, 'load-tests', 'results', `bench-${startedAt.replaceAll(':', '-')}`)
}

export async function writeBenchReports (results: BenchResults, dir: string): Promise<{ json: string, markdown: string, html: string }> {
  const files = { json: join(dir, 'bench.json'), markdown: join(dir, 'bench.md'), html: join(dir, 'bench.html') }
  await mkdir(dir, { recursive: true })
  await writeFile(files.json, `${JSON.stringify({ ...results, summary: summarizeBench(results) }, null, 2)}\n`)
  await writeFile(files.markdown, renderBenchMarkdown(results))
  await writeFile(files.html, renderHtmlPage({ title: `Event Loop Lab bench, ${results.startedAt}`, summaryLines: benchMetaLines(results), scenarios: [benchSection(results)] }))
  return files
}
