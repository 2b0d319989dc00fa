// report.md: the tables and verdicts as GitHub-flavoured markdown, drawn only from the results data.
import type { LoadResults } from '../core/results-schema.js'
import type { ScenarioResult, Table } from '../core/scenario.js'
import { reportTitle, runSummaryLines } from './run-summary.js'
import { verdictLine } from './terminal.js'

const cell = (text: string) => text.replaceAll('|', '\\|')

export function renderMarkdownTable (table: Table): string {
  return [
    `| ${table.columns.map((column) => cell(column.title)).join(' | ')} |`,
    `| ${table.columns.map((column) => column.align === 'right' ? '--:' : ':--').join(' | ')} |`,
    ...table.rows.map((row) => `| ${row.map(cell).join(' | ')} |`)
  ].join('\n')
}

function scenarioSection (result: ScenarioResult): string {
  return [
    `## ${result.title}`,
    '',
    result.summary,
    ...result.tables.flatMap((table) => ['', `### ${table.title}`, '', renderMarkdownTable(table), '', ...table.notes.map((note) => `- ${note}`)]),
    '',
    '### Checks',
    '',
    ...result.verdicts.map((verdict) => `- ${verdictLine(verdict)}`),
    '',
    '### Charts (in report.html)',
    '',
    ...result.charts.map((chart) => `- **${chart.title}**: ${chart.caption}`)
  ].join('\n')
}

export function renderMarkdownReport (results: LoadResults): string {
  return [
    `# ${reportTitle(results)}`,
    '',
    ...runSummaryLines(results).map((line) => `- ${line}`),
    '',
    '## Verdict',
    '',
    ...results.scenarios.flatMap((scenario) => scenario.verdicts.slice(0, 1).map((verdict) => `- ${verdictLine(verdict)}`)),
    '',
    ...results.scenarios.map(scenarioSection),
    ''
  ].join('\n')
}
