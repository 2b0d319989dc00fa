// What the server and the lab's run process (load-tests/lab/run-route.ts) say to each other: the
// server passes one RunInput as the process's argument, the process answers with JSON lines on stdout.
import { Type, type Static } from '@sinclair/typebox'

export const RunInputSchema = Type.Object({
  /** This server, on loopback: the only place a lab run may send load. */
  url: Type.String({ pattern: '^http://(127\\.0\\.0\\.1|\\[::1\\]):[0-9]+$' }),
  path: Type.String({ pattern: '^/' }),
  role: Type.Union([Type.Literal('blocking'), Type.Literal('non-blocking')]),
  ms: Type.Integer({ minimum: 1 }),
  connections: Type.Integer({ minimum: 1 }),
  durationS: Type.Integer({ minimum: 1 })
})

export type RunInput = Static<typeof RunInputSchema>

/**
 * `progress`: a line for the person waiting. `result`: the run (load-tests/core/route-run.ts's
 * RouteRun, as `npm run load` records it) and its verdicts, the last line.
 */
export type RunMessage =
  | { type: 'progress', message: string }
  | { type: 'result', run: unknown, verdicts: unknown }
