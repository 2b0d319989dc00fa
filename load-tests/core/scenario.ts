// The contract between the runner and a scenario. A scenario loads the server its own way and
// returns plain JSON data — tables, verdicts, charts, raw measurements — and the reporters (terminal,
// markdown, HTML) only ever read that data: adding a scenario never touches the runner or a reporter.
// A scenario's own command-line options (`options`) and report pieces live in its folder too.
import { Type, type Static } from '@sinclair/typebox'
import type { LoadOptions, ScenarioOption } from './options.js'

export const TableSchema = Type.Object({
  title: Type.String(),
  columns: Type.Array(Type.Object({
    title: Type.String(),
    align: Type.Union([Type.Literal('left'), Type.Literal('right')])
  })),
  /** Cells already formatted for people ("1921", "2.5 s"); the numbers themselves are in `raw`. */
  rows: Type.Array(Type.Array(Type.String())),
  /** Lines printed under the table: how the bounds were computed, what a column means. */
  notes: Type.Array(Type.String())
})

export const CheckSchema = Type.Object({
  /** The `--check-…` option that sets the threshold. */
  option: Type.String(),
  /** null when it could not be measured (no answer at all): the check fails. */
  measured: Type.Union([Type.Number(), Type.Null()]),
  threshold: Type.Number(),
  comparison: Type.Union([Type.Literal('>='), Type.Literal('<=')])
})

export const VerdictSchema = Type.Object({
  text: Type.String(),
  passed: Type.Boolean(),
  /** Present when the verdict is a threshold check that `--check` turns into the exit code. */
  check: Type.Optional(CheckSchema)
})

export const ChartSchema = Type.Object({
  title: Type.String(),
  /** One sentence: what to see in the chart. */
  caption: Type.String(),
  /** A vega-lite specification with its data inline. */
  spec: Type.Record(Type.String(), Type.Unknown())
})

export const ScenarioResultSchema = Type.Object({
  name: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  tables: Type.Array(TableSchema),
  /** The headline verdict first, then the checks. */
  verdicts: Type.Array(VerdictSchema),
  charts: Type.Array(ChartSchema),
  /** The scenario's own measurements (for the throughput pairs: RouteComparisonRawSchema). */
  raw: Type.Unknown()
})

export type Table = Static<typeof TableSchema>
type Column = Table['columns'][number]
/** A column of text, read left to right (a route, a mode). */
export const left = (title: string): Column => ({ title, align: 'left' })
/** A column of numbers, aligned on their last digit. */
export const right = (title: string): Column => ({ title, align: 'right' })
export type Check = Static<typeof CheckSchema>
export type Verdict = Static<typeof VerdictSchema>
export type Chart = Static<typeof ChartSchema>
export type ScenarioResult = Static<typeof ScenarioResultSchema>
/** What a scenario's run returns: its result but the name and summary, which the runner adds. */
export type ScenarioOutcome = Omit<ScenarioResult, 'name' | 'summary'>

export interface StartedServer {
  url: string
  stop: () => Promise<void>
}

export interface ScenarioContext {
  /** Base URL of the server under test, without a trailing slash. */
  url: string
  options: LoadOptions
  /** One line of progress for the person waiting (stderr); never part of the results. */
  progress: (message: string) => void
  /**
   * Starts another built server with extra environment variables (e.g. to compare a setting on and
   * off); the runner stops it at the end. Undefined with --url: the user runs the servers then.
   */
  startServer: ((env: Record<string, string>) => Promise<StartedServer>) | undefined
}

export interface Scenario {
  name: string
  /** One line for `--help` and the report. */
  summary: string
  /**
   * Runs when --scenarios names none and the server has its routes: the quick throughput pairs
   * (delay, fetch, hash). The others (compute too, though it compares req/s with bounds) take
   * longer or need a setting, and run only when named or when one of their `options` is given.
   */
  runsByDefault: boolean
  /** Paths the server must have (GET / lists them); a scenario is skipped by default without them. */
  requires: string[]
  /** Command-line options only this scenario reads (values in ctx.options.scenarioOptions). */
  options?: ScenarioOption[]
  run: (ctx: ScenarioContext) => Promise<ScenarioOutcome>
}
