// What one route comparison measured, as plain data: the schema results.json holds it to, and the
// only input of the comparison's tables, charts and verdicts.
import { Type, type Static } from '@sinclair/typebox'
import { LoopStatsSchema } from '../../src/loop-stats.js'
import { OpenLoopRunSchema } from './open-loop.js'

export const PROBE_INTERVAL_MS = 100

const NullableMs = Type.Union([Type.Number(), Type.Null()])

export const ProbeSampleSchema = Type.Object({
  /** When the request was sent, in ms since the run's window opened (the probe may start before it). */
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

/**
 * Every request of a run accounted for. A closed window leaves requests out (sent − answered); a run
 * that leaves them out of its latencies shows only the requests that were lucky (survivorship).
 */
export const RequestCountsSchema = Type.Object({
  sent: Type.Integer({ description: 'Requests sent during the window.' }),
  answered: Type.Integer({ description: 'Of those, answered during the window.' }),
  answeredFromWarmUp: Type.Integer({ description: 'Answers received during the window to requests sent before it, in the warm-up: work done in the window, counted in req/s; their latencies are the warm-up\'s.' }),
  waitingAtClose: Type.Integer({ description: 'Requests sent and not yet answered when the window closed.' }),
  oldestWaitingMs: NullableMs,
  drained: Type.Integer({ description: 'Of those, answered after the close (their latencies are counted).' }),
  unanswered: Type.Integer({ description: 'Never answered: timed out, connection lost, or dropped at the close.' })
})
export type RequestCounts = Static<typeof RequestCountsSchema>

/** How long the server took to drain before a run (engine/drain.ts). */
export const DrainWaitSchema = Type.Object({ waitedMs: Type.Number(), polls: Type.Integer() })
export type DrainWait = Static<typeof DrainWaitSchema>

/** What a run keeps of /stats: the window's event-loop measurements. */
export const ServerLoopSchema = Type.Pick(LoopStatsSchema, ['windowMs', 'eventLoopDelayMs', 'eventLoopUtilization'])
export type ServerLoop = Static<typeof ServerLoopSchema>

/** What held the server's loop during a run, from its stall detector (GET /stats `stalls`). */
export const HeldBySchema = Type.Object({
  stalls: Type.Integer({ description: 'Times the loop was held STALL_WARN_MS or more during the run.' }),
  longestMs: Type.Union([Type.Integer(), Type.Null()], { description: 'The longest of the stalls the server kept.' }),
  culprits: Type.Array(Type.Object({ where: Type.String(), stalls: Type.Integer() }), {
    description: 'Where the kept stalls were held (the first frame of the project\'s own code), the most frequent first.'
  })
})
export type HeldBy = Static<typeof HeldBySchema>

export const RouteRunSchema = Type.Object({
  label: Type.String(),
  path: Type.String(),
  role: Type.Union([Type.Literal('non-blocking'), Type.Literal('blocking')]),
  connections: Type.Integer(),
  durationS: Type.Number({ description: 'How long the window lasted, as measured (the drain after it not included).' }),
  timeoutS: Type.Number({ description: 'Per-request timeout given to autocannon.' }),
  warmupS: Type.Number({ description: 'Seconds of uncounted load just before the run, on its connections (non-blocking routes only).' }),
  bound: Type.Object({ reqPerSec: Type.Number(), formula: Type.String() }),
  reqPerSec: Type.Number({ description: 'Responses completed in the window ÷ the window.' }),
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
  /** Mean latency of the responses completed in each second (null: none): samples for --compare. */
  latencyPerSecondMs: Type.Array(NullableMs),
  requests: RequestCountsSchema,
  /**
   * The load generator (the load test's own process: autocannon and the /health probe) during the
   * window: the cores it used (its CPU time ÷ the window) and how many its machine has. On one
   * machine with the server, they share those cores.
   */
  loadGenerator: Type.Object({ cpuCores: Type.Number(), machineCores: Type.Integer() }),
  /**
   * Some requests were never answered (timed out, or still out when the drain gave up): every latency
   * percentile is then a lower bound (the missing requests took at least that long), shown as `≥`.
   */
  latencyIsLowerBound: Type.Boolean(),
  /** The /health probe during the run: its summary and every sample. */
  health: Type.Composite([ProbeSummarySchema, Type.Object({ samples: Type.Array(ProbeSampleSchema) })]),
  drainBefore: DrainWaitSchema,
  /** The server's GET /stats over the run (its queue included); null when it has no /stats. */
  server: Type.Union([ServerLoopSchema, Type.Null()]),
  /** What held the loop during the run; null when the server has no stall detector (or it is off). */
  heldBy: Type.Optional(Type.Union([HeldBySchema, Type.Null()])),
  /** autocannon's own result object, as it returned it. */
  autocannon: Type.Unknown()
})

export const RouteComparisonRawSchema = Type.Object({
  /** One run per route at --connections. */
  runs: Type.Array(RouteRunSchema),
  /** With --sweep: one run per route and connection count (the main runs included); else empty. */
  sweep: Type.Array(RouteRunSchema),
  /** With --rate: one open-loop run per route at that rate; else empty. */
  openLoop: Type.Array(OpenLoopRunSchema)
})

export type RouteRun = Static<typeof RouteRunSchema>
export type RouteComparisonRaw = Static<typeof RouteComparisonRawSchema>
