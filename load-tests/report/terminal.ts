// Plain-text tables and verdicts for the terminal, drawn only from the results data.
import type { LoadResults } from '../core/results-schema.js'
import type { ScenarioResult, Table, Verdict } from '../core/scenario.js'

export function renderTextTable (table: Table): string {
  const widths = table.columns.map((column, i) => Math.max(column.title.length, ...table.rows.map((row) => (row[i] ?? '').length)))
  const line = (cells: string[]) => cells.map((cell, i) => {
    const width = widths[i] ?? 0
    return table.columns[i]?.align === 'right' ? cell.padStart(width) : cell.padEnd(width)
  }).join('  ').trimEnd()
  return [
    line(table.columns.map((column) => column.title)),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...table.rows.map(line),
    ...table.notes.map((note) => `  ${note}`)
  ].join('\n')
}

export function verdictLine (verdict: Verdict): string {
  return `${verdict.passed ? '✓' : '✗'} ${verdict.text}`
}

function renderScenario (result: ScenarioResult): string {
  return [
    `== ${result.title} ==`,
    ...result.tables.flatMap((table) => ['', table.title, renderTextTable(table)]),
    '',
    ...result.verdicts.slice(1).map((verdict) => `  ${verdictLine(verdict)}`)
  ].join('\n')
}

/** Every scenario's table and checks, then the headline verdicts: what the person reads last. */
export function renderTerminalReport (results: LoadResults): string {
  return [
    ...results.scenarios.map((scenario) => `${renderScenario(scenario)}\n`),
    'Verdict',
    ...results.scenarios.flatMap((scenario) => scenario.verdicts.slice(0, 1).map(verdictLine)),
    ''
  ].join('\n')
}
