// What the probe measured, as plain data: the schema results.json holds it to, and the only input
// of the probe's verdict, tables and charts.
import { Type, type Static } from '@sinclair/typebox'
import { EnvironmentSchema } from '../core/results-schema.js'
import { ProbeSampleSchema, ProbeSummarySchema } from '../core/route-run.js'
import { ScenarioResultSchema } from '../core/scenario.js'
import { ProbeOptionsSchema } from './options.js'

const NullableMs = Type.Union([Type.Number(), Type.Null()])

/** Requests sent one at a time (the suspect's time t, the victim at rest). */
export const SerialTimingSchema = Type.Object({
  /** Median of the 2xx answers; null when none was 2xx. */
  p50Ms: NullableMs,
  p99Ms: NullableMs,
  sent: Type.Integer(),
  ok: Type.Integer({ description: '2xx answers; only these are timed.' }),
  non2xx: Type.Integer(),
  errors: Type.Integer({ description: 'No answer: connection errors and timeouts.' }),
  samples: Type.Array(Type.Object({ latencyMs: NullableMs, status: Type.Integer() }))
})

export const ProbeStepSchema = Type.Object({
  connections: Type.Integer(),
  durationS: Type.Number({ description: 'How long autocannon ran, as it measured it.' }),
  sent: Type.Integer(),
  ok: Type.Integer({ description: '2xx answers.' }),
  reqPerSec: Type.Number({ description: '2xx answers ÷ duration: errors and non-2xx are never counted in.' }),
  errors: Type.Integer({ description: 'Connection errors, timeouts included.' }),
  timeouts: Type.Integer(),
  non2xx: Type.Integer(),
  statusCodes: Type.Record(Type.String(), Type.Integer()),
  /** Of the 2xx answers. */
  latencyMs: Type.Object({ p50: Type.Number(), p99: Type.Number(), max: Type.Number() }),
  /** The run ended at the per-step share of --max-requests before its duration. */
  cappedByRequests: Type.Boolean(),
  victim: Type.Composite([ProbeSummarySchema, Type.Object({ samples: Type.Array(ProbeSampleSchema) })]),
  /** How long the victim took to come back to its resting time before the step. */
  drainBefore: Type.Object({ waitedMs: Type.Number(), polls: Type.Integer() })
})

export const ProbeRawSchema = Type.Object({
  suspect: SerialTimingSchema,
  victimAtRest: SerialTimingSchema,
  /** The suspect's single-request time t (see tFrom). */
  tMs: Type.Number(),
  /**
   * Where t comes from: the median of the serial requests, or the median latency of the
   * one-connection step when that is smaller (the same one-at-a-time calls, many more of them).
   */
  tFrom: Type.Union([Type.Literal('serial requests'), Type.Literal('one-connection step')]),
  steps: Type.Array(ProbeStepSchema),
  /** Steps of --steps that were not run, and why (a ceiling, a failing suspect). */
  skipped: Type.Array(Type.Object({ connections: Type.Integer(), reason: Type.String() })),
  suspectRequestsPerStep: Type.Integer(),
  requestsSent: Type.Integer({ description: 'Every request the probe sent, suspect and victim, drain polls included.' })
})

export const PROBE_RESULTS_FORMAT = 'event-loop-lab/probe-results@1'

export const ProbeResultsSchema = Type.Object({
  format: Type.Literal(PROBE_RESULTS_FORMAT),
  startedAt: Type.String(),
  finishedAt: Type.String(),
  options: ProbeOptionsSchema,
  environment: EnvironmentSchema,
  verdict: Type.Union([Type.Literal('blocks'), Type.Literal('does-not-block'), Type.Literal('saturates-elsewhere'), Type.Literal('inconclusive')]),
  /** One scenario, `probe`: its tables, verdicts, charts, and the raw measurements (ProbeRawSchema). */
  scenarios: Type.Array(ScenarioResultSchema)
})

export type SerialTiming = Static<typeof SerialTimingSchema>
export type ProbeStep = Static<typeof ProbeStepSchema>
export type ProbeRaw = Static<typeof ProbeRawSchema>
export type ProbeResults = Static<typeof ProbeResultsSchema>
export type VerdictKind = ProbeResults['verdict']
