// What every paired route answers: which way it waited, what work it did, and how long the handler
// took. Shared so `/sync/...` and `/async/...` answers differ only in the fields that tell them apart.
import { Type, type Static } from '@sinclair/typebox'
import { StringEnum } from '../schemas/answer-types.js'
import type { FastifyReply } from 'fastify'

const WorkModeSchema = StringEnum(['sync', 'async', 'cooperative', 'worker'], {
  description: '`sync`: waited by holding the event loop; `async`: waited while the loop served others; ' +
    '`cooperative`: CPU work in slices that hand the loop back between them; `worker`: CPU work on a worker thread.'
})

export const WorkReportSchema = Type.Object({
  mode: WorkModeSchema,
  work: Type.String({ description: 'Which simulated work ran, e.g. `delay`.' }),
  ms: Type.Integer({ description: 'The work asked for, in milliseconds.' }),
  elapsedMs: Type.Number({ description: 'Time spent in the handler, in milliseconds (1 decimal).' }),
  pid: Type.Integer({ description: 'Process id of the server that answered.' })
})

export type WorkMode = Static<typeof WorkModeSchema>
export type WorkReport = Static<typeof WorkReportSchema>

export interface WorkTimer {
  finish: () => WorkReport
}

/** Starts the clock for one piece of work; `finish()` stops it and builds the answer. */
export function startWork (mode: WorkMode, work: string, ms: number): WorkTimer {
  const startedAt = performance.now()
  return {
    finish: () => ({
      mode,
      work,
      ms,
      elapsedMs: roundMs(performance.now() - startedAt),
      pid: process.pid
    })
  }
}

/** Milliseconds as the answers show them: one decimal. */
export function roundMs (ms: number): number {
  return Math.round(ms * 10) / 10
}

/** The `Server-Timing` header value, so browser dev tools and curl -v show the handler time too. */
export function serverTiming (report: { elapsedMs: number }): string {
  return `work;dur=${report.elapsedMs}`
}

/** Sets the `Server-Timing` header from `report` and hands the report back, for a route to return. */
export function withServerTiming<T extends { elapsedMs: number }> (reply: FastifyReply, report: T): T {
  reply.header('server-timing', serverTiming(report))
  return report
}
