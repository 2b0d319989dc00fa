// The open model: requests arrive at a fixed rate whatever the answers, as users of a public service
// do. Each request's latency is counted from when it was due, so a sender that falls behind, or a
// server that makes it wait, is charged to the latency — no coordinated omission.
import { Type, type Static } from '@sinclair/typebox'
import { percentile } from './statistics.js'

const NullableMs = Type.Union([Type.Number(), Type.Null()])

export const OpenLoopSampleSchema = Type.Object({
  /** When the request was due, in ms since the run started (request i at i × 1000 / rate). */
  atMs: Type.Number(),
  /** From when it was due to its answer; null when it got none within the timeout. */
  latencyMs: NullableMs,
  status: Type.Integer()
})
export type OpenLoopSample = Static<typeof OpenLoopSampleSchema>

export const OpenLoopSecondSchema = Type.Object({
  /** The second the requests were due in (0 for the first). */
  second: Type.Integer(),
  sent: Type.Integer(),
  p50Ms: NullableMs,
  maxMs: NullableMs,
  /** Some of them got no answer: their latency is at least the timeout, counted as such. */
  lowerBound: Type.Boolean()
})

export const OpenLoopRunSchema = Type.Object({
  label: Type.String(),
  path: Type.String(),
  role: Type.Union([Type.Literal('non-blocking'), Type.Literal('blocking')]),
  rate: Type.Number({ description: 'Requests sent per second, whatever the answers.' }),
  durationS: Type.Number(),
  timeoutS: Type.Number(),
  /** The sender's connections at most; requests due while all are busy wait for one, on the clock. */
  maxSockets: Type.Integer(),
  bound: Type.Object({ reqPerSec: Type.Number(), formula: Type.String() }),
  sent: Type.Integer(),
  answered: Type.Integer(),
  unanswered: Type.Integer(),
  /** Of every request sent, the unanswered ones counted at the timeout (then a lower bound). */
  latencyMs: Type.Object({ p50: NullableMs, p99: NullableMs, max: NullableMs }),
  latencyIsLowerBound: Type.Boolean(),
  /** Median latency of the requests due in the first second, and in the last. */
  startMs: NullableMs,
  endMs: NullableMs,
  perSecond: Type.Array(OpenLoopSecondSchema)
})
export type OpenLoopRun = Static<typeof OpenLoopRunSchema>
export type OpenLoopSummary = Pick<OpenLoopRun, 'sent' | 'answered' | 'unanswered' | 'latencyMs' | 'latencyIsLowerBound' | 'startMs' | 'endMs' | 'perSecond'>

export function summarizeOpenLoop (samples: OpenLoopSample[], timeoutMs: number): OpenLoopSummary {
  const latency = (sample: OpenLoopSample) => sample.latencyMs ?? timeoutMs
  const all = samples.map(latency)
  const seconds = new Map<number, OpenLoopSample[]>()
  for (const sample of samples) {
    const second = Math.floor(sample.atMs / 1000)
    seconds.set(second, [...(seconds.get(second) ?? []), sample])
  }
  const perSecond = [...seconds].sort(([a], [b]) => a - b).map(([second, due]) => {
    const values = due.map(latency)
    return { second, sent: due.length, p50Ms: percentile(values, 50), maxMs: Math.max(...values), lowerBound: due.some((sample) => sample.latencyMs === null) }
  })
  const unanswered = samples.filter((sample) => sample.latencyMs === null).length
  return {
    sent: samples.length,
    answered: samples.length - unanswered,
    unanswered,
    latencyMs: { p50: percentile(all, 50), p99: percentile(all, 99), max: all.length === 0 ? null : Math.max(...all) },
    latencyIsLowerBound: unanswered > 0,
    startMs: perSecond[0]?.p50Ms ?? null,
    endMs: perSecond.at(-1)?.p50Ms ?? null,
    perSecond
  }
}
