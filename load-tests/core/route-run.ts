// What one route comparison measured, as plain data: the schema results.json holds it to, and the
// only input of the comparison's tables, charts and verdicts.
import { Type, type Static } from '@sinclair/typebox'
import { LoopStatsSchema } from '../../src/loop-stats.js'

export const PROBE_INTERVAL_MS = 100

const NullableMs = Type.Union([Type.Number(), Type.Null()])

export const ProbeSampleSchema = Type.Object({
  /** When the request was sent, in ms since the probe started. */
  atMs: Type.Number(),
  /** How long the answer took; null when it timed out or failed. */
  latencyMs: NullableMs,
  status: Type.Integer()
})

export const ProbeSummarySchema = Type.Object({
  p50Ms: NullableMs,
  p99Ms: NullableMs,
  maxMs: NullableMs,
  sent: Type.Integer(),
  answered: Type.Integer(),
  failed: Type.Integer()
})

export type ProbeSample = Static<typeof ProbeSampleSchema>
export type ProbeSummary = Static<typeof ProbeSummarySchema>

/** How long the server took to drain before a run (engine/drain.ts). */
export const DrainWaitSchema = Type.Object({ waitedMs: Type.Number(), polls: Type.Integer() })
export type DrainWait = Static<typeof DrainWaitSchema>

/** What a run keeps of /stats: the window's event-loop measurements. */
export const ServerLoopSchema = Type.Pick(LoopStatsSchema, ['windowMs', 'eventLoopDelayMs', 'eventLoopUtilization'])
export type ServerLoop = Static<typeof ServerLoopSchema>

export const RouteRunSchema = Type.Object({
  label: Type.String(),
  path: Type.String(),
  role: Type.Union([Type.Literal('non-blocking'), Type.Literal('blocking')]),
  connections: Type.Integer(),
  durationS: Type.Number({ description: 'How long autocannon ran, as it measured it.' }),
  timeoutS: Type.Number({ description: 'Per-request timeout given to autocannon.' }),
  warmupS: Type.Number({ description: 'Seconds of uncounted load just before the run (non-blocking routes only).' }),
  bound: Type.Object({ reqPerSec: Type.Number(), formula: Type.String() }),
  reqPerSec: Type.Number({ description: 'Completed responses ÷ duration.' }),
  fractionOfBound: Type.Number(),
  completed: Type.Integer(),
  errors: Type.Integer({ description: 'Connection errors, timeouts included.' }),
  timeouts: Type.Integer(),
  non2xx: Type.Integer(),
  /** Responses by status code, e.g. { "200": 90, "503": 1200 }. */
  statusCodes: Type.Record(Type.String(), Type.Integer()),
  /** Of every answer, or of 2xx answers only when the route asked for it (see RouteSpec). */
  latencyMs: Type.Object({ p50: Type.Number(), p97_5: Type.Number(), p99: Type.Number(), max: Type.Number(), mean: Type.Number() }),
  /** Responses completed in each second of the run. */
  perSecond: Type.Array(Type.Integer()),
  /** The /health probe during the run: its summary and every sample. */
  health: Type.Composite([ProbeSummarySchema, Type.Object({ samples: Type.Array(ProbeSampleSchema) })]),
  drainBefore: DrainWaitSchema,
  /** The server's GET /stats over the run (its queue included); null when it has no /stats. */
  server: Type.Union([ServerLoopSchema, Type.Null()]),
  /** autocannon's own result object, as it returned it. */
  autocannon: Type.Unknown()
})

export const RouteComparisonRawSchema = Type.Object({
  /** One run per route at --connections. */
  runs: Type.Array(RouteRunSchema),
  /** With --sweep: one run per route and connection count (the main runs included); else empty. */
  sweep: Type.Array(RouteRunSchema)
})

export type RouteRun = Static<typeof RouteRunSchema>
export type RouteComparisonRaw = Static<typeof RouteComparisonRawSchema>
