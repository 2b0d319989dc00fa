// What an example prints, kept as data: each line with its offset from the start of the run, so the
// HTTP route can return it and the CLI can print it the same way.
import { Type, type Static } from '@sinclair/typebox'
import { roundMs } from '../work/report.js'

export const TraceLineSchema = Type.Object({
  atMs: Type.Number({ description: 'Milliseconds since the example started (1 decimal).' }),
  line: Type.String({ description: 'What the article\'s program prints at that moment.' })
})

export type TraceLine = Static<typeof TraceLineSchema>

export class Trace {
  readonly lines: TraceLine[] = []
  private readonly startedAt = performance.now()

  /** Milliseconds since `since` (default: the start of the run), 1 decimal. */
  elapsedMs (since = this.startedAt): number {
    return roundMs(performance.now() - since)
  }

  print (line: string): void {
    this.lines.push({ atMs: this.elapsedMs(), line })
  }

  /** The article's `Task One total elapsed time: 15.0`, in milliseconds. */
  printTaskElapsed (name: string, since: number): void {
    this.print(`Task ${name} total elapsed time: ${this.elapsedMs(since).toFixed(1)} ms`)
  }

  /** The article's last line, `Total elapsed time: 32.1`, in milliseconds. */
  printTotalElapsed (): void {
    this.print(`Total elapsed time: ${this.elapsedMs().toFixed(1)} ms`)
  }
}
