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

/**
 * A failed check on a machine that was already busy when the run started (a 1-minute load average
 * above its core count, before this run added its own): the numbers are timings, and other work took
 * the cores they measure. Said beside the verdict, where a new user reads a ✗; nothing when all passed.
 */
function busyMachineLine (results: Pick<LoadResults, 'scenarios'> & Partial<Pick<LoadResults, 'environment'>>): string | undefined {
  const env = results.environment
  const [load = 0] = env?.loadAverage ?? []
  const failed = results.scenarios.some((scenario) => scenario.verdicts.some((verdict) => !verdict.passed))
  if (env === undefined || !failed || load <= env.cpuCount) return undefined
  return `! The machine was busy before this run started (load average ${load} on ${env.cpuCount} cores): other work shared ` +
    'the cores these timings measure, and a ✗ may be its doing. Run again when it is quieter to tell.'
}

/** Every scenario's table and checks, then the headline verdicts: what the person reads last. */
export function renderTerminalReport (results: Pick<LoadResults, 'scenarios'> & Partial<Pick<LoadResults, 'environment'>>): string {
  const busy = busyMachineLine(results)
  return [
    ...results.scenarios.map((scenario) => `${renderScenario(scenario)}\n`),
    'Verdict',
    ...results.scenarios.flatMap((scenario) => scenario.verdicts.slice(0, 1).map(verdictLine)),
    ...(busy === undefined ? [] : [busy]),
    ''
  ].join('\n')
}
