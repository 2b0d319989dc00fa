// What every blocker route answers: the usual work report (mode, work, ms, elapsedMs, pid), which
// variant ran, the size asked for, and the answer, which both variants of a blocker give alike.
import { Type, type Static } from '@sinclair/typebox'
import { startWork, WorkReportSchema, type WorkMode } from '../report.js'

export const BlockerReportSchema = Type.Composite([WorkReportSchema, Type.Object({
  variant: Type.String({ description: 'Which way the work was done, e.g. `backtracking` or `linear`.' }),
  size: Type.Integer({ description: 'The input size asked for, in the route\'s unit (characters, KiB, MiB read, items).' }),
  answer: Type.String({ description: 'The result: the same for both variants of a blocker.' })
})])

export type BlockerReport = Static<typeof BlockerReportSchema>

export interface BlockerRun {
  /** The work, e.g. `regex`. */
  work: string
  variant: string
  mode: WorkMode
  size: number
  /** The start-up calibration's estimate of the blocking variant's time at this size (the report's `ms`). */
  estimatedMs: number
}

/** Times `run` (which returns the answer) and builds the report. */
export function reportBlocker (blocker: BlockerRun, run: () => string): BlockerReport {
  const work = startWork(blocker.mode, blocker.work, Math.round(blocker.estimatedMs))
  const answer = run()
  return { ...work.finish(), variant: blocker.variant, size: blocker.size, answer }
}

/** reportBlocker for work that answers later (the remedies that wait on the threadpool or a worker). */
export async function reportBlockerAsync (blocker: BlockerRun, run: () => Promise<string>): Promise<BlockerReport> {
  const work = startWork(blocker.mode, blocker.work, Math.round(blocker.estimatedMs))
  const answer = await run()
  return { ...work.finish(), variant: blocker.variant, size: blocker.size, answer }
}
