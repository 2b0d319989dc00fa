// What the probe's numbers say. Two questions, each answered at the step with the most connections:
// did the suspect's throughput grow with its connections (against its concurrent bound), and did a
// route nobody was loading — the victim — slow down (against one round of the suspect's requests,
// connections × t: what a victim waits when every one of them holds the event loop in turn)?
import { formatMs, formatPercent, formatRate, formatRatio } from '../core/format.js'
import type { ProbeRaw, ProbeStep, VerdictKind } from './results.js'

/** Throughput at or above this share of the concurrent bound grew with the connections. */
const GROWS_MIN = 0.5
/** At or below this share it stayed flat: a fixed number of requests at a time (one when it blocks). */
const FLAT_MAX = 0.3
/** Flat near the serial bound: at most this many times 1000 / t, i.e. about one request at a time. */
const NEAR_SERIAL_MAX = 1.5
/** The victim slowed in proportion when it waited this share of one round (and at least 10 ms) more than at rest. */
const SLOWED_MIN = 0.1
const SLOWED_FLOOR_MS = 10
/** The victim stayed fast when it waited less than this share of one round (or 5 ms, for noise) more than at rest. */
const FAST_MAX = 0.02
const FAST_FLOOR_MS = 5
/** More failed or non-2xx answers than this share leave the throughput measuring the failures. */
const FAILED_MAX = 0.05
/** Below this many connections, one request at a time and many at a time cannot be told apart. */
const MIN_TOP_CONNECTIONS = 4

export interface Measured {
  connections: number
  reqPerSec: number
  serialBound: number
  concurrentBound: number
  ofConcurrent: number
  ofSerial: number
  victimAtRestMs: number
  victimMs: number | null
  addedMs: number | null
  roundMs: number
}

export interface ProbeJudgement {
  kind: VerdictKind
  /** The headline, with its numbers. */
  text: string
  /** One line each: the throughput, the victim, the failures. */
  evidence: Array<{ text: string, passed: boolean }>
  measured: Measured | null
}

const VERDICT_NAMES: Record<VerdictKind, string> = {
  blocks: 'blocks the event loop',
  'does-not-block': 'does not block',
  'saturates-elsewhere': 'saturates something else',
  inconclusive: 'inconclusive'
}

export function judgeProbe (raw: ProbeRaw): ProbeJudgement {
  const top = raw.steps.at(-1)
  const failures = failureLine(raw.steps)
  if (top === undefined) return inconclusive('no step ran', [failures], null)
  const m = measure(raw, top)
  const throughput = throughputLine(m)
  const victim = victimLine(m)
  const evidence = [throughput.line, victim.line, failures]
  if (!failures.passed && failedShare(raw.steps) > FAILED_MAX) return inconclusive(`more than ${formatPercent(FAILED_MAX)} of the suspect's answers failed or were not 2xx`, evidence, m)
  if (top.connections < MIN_TOP_CONNECTIONS) return inconclusive(`the largest step had ${top.connections} connections; at least ${MIN_TOP_CONNECTIONS} are needed`, evidence, m)
  if (m.addedMs === null) return inconclusive(`the victim answered none of its requests during the ${top.connections}-connection step`, evidence, m)

  const numbers = `${formatRate(m.reqPerSec)} req/s at ${m.connections} connections = ${formatRatio(m.ofSerial)} the serial bound ${formatRate(m.serialBound)}, ` +
    `${formatPercent(m.ofConcurrent)} of the concurrent bound ${formatRate(m.concurrentBound)}; victim p50 ${formatMs(m.victimMs)} (at rest ${formatMs(m.victimAtRestMs)})`
  let kind: VerdictKind = 'inconclusive'
  if (throughput.flat && m.ofSerial <= NEAR_SERIAL_MAX && victim.slowed) kind = 'blocks'
  else if (throughput.grows && victim.fast) kind = 'does-not-block'
  else if (throughput.flat && victim.fast) kind = 'saturates-elsewhere'
  const why = kind === 'inconclusive' ? ` (${inconclusiveWhy(throughput, victim, m)})` : ''
  return { kind, text: `${VERDICT_NAMES[kind]}${why}: ${numbers}`, evidence, measured: m }
}

function measure (raw: ProbeRaw, top: ProbeStep): Measured {
  const serialBound = 1000 / raw.tMs
  const concurrentBound = top.connections * serialBound
  const victimAtRestMs = raw.victimAtRest.p50Ms ?? 0
  const victimMs = top.victim.p50Ms
  return {
    connections: top.connections,
    reqPerSec: top.reqPerSec,
    serialBound,
    concurrentBound,
    ofConcurrent: top.reqPerSec / concurrentBound,
    ofSerial: top.reqPerSec / serialBound,
    victimAtRestMs,
    victimMs,
    addedMs: victimMs === null ? null : victimMs - victimAtRestMs,
    roundMs: top.connections * raw.tMs
  }
}

function throughputLine (m: Measured) {
  const grows = m.ofConcurrent >= GROWS_MIN
  const flat = m.ofConcurrent <= FLAT_MAX
  const shape = grows ? 'grew with the connections' : flat ? 'stayed flat' : 'grew only part of the way'
  return {
    grows,
    flat,
    line: { passed: true, text: `throughput ${shape}: ${formatRate(m.reqPerSec)} req/s at ${m.connections} connections is ${formatPercent(m.ofConcurrent)} of the concurrent bound (grows ≥ ${formatPercent(GROWS_MIN)}, flat ≤ ${formatPercent(FLAT_MAX)}) and ${formatRatio(m.ofSerial)} the serial bound` }
  }
}

function victimLine (m: Measured) {
  if (m.addedMs === null) return { slowed: false, fast: false, line: { passed: false, text: 'victim: no answer during the last step' } }
  const slowed = m.addedMs >= Math.max(SLOWED_MIN * m.roundMs, SLOWED_FLOOR_MS)
  const fast = m.addedMs < Math.max(FAST_MAX * m.roundMs, FAST_FLOOR_MS)
  const shape = slowed ? 'slowed in proportion' : fast ? 'stayed fast' : 'slowed somewhat'
  const share = formatPercent(Math.max(0, m.addedMs) / m.roundMs)
  return {
    slowed,
    fast,
    line: { passed: true, text: `victim ${shape}: p50 ${formatMs(m.victimMs)} vs ${formatMs(m.victimAtRestMs)} at rest, +${formatMs(Math.max(0, m.addedMs))} = ${share} of one round (${m.connections} × t = ${formatMs(m.roundMs)}; slowed ≥ ${formatPercent(SLOWED_MIN)}, fast < ${formatPercent(FAST_MAX)})` }
  }
}

function inconclusiveWhy (throughput: { grows: boolean, flat: boolean }, victim: { slowed: boolean, fast: boolean }, m: Measured): string {
  if (throughput.flat && victim.slowed) return `flat and the victim slowed, but at ${formatRatio(m.ofSerial)} the serial bound, not about 1×: part of each request may block`
  if (throughput.grows && victim.slowed) return 'throughput grew but the victim slowed: the server may be short of CPU'
  return 'the evidence falls between the thresholds'
}

/** The suspect's answers over every step: all of them, those that failed or were not 2xx, the timeouts. */
function failureCounts (steps: ProbeStep[]) {
  const failed = steps.reduce((sum, step) => sum + step.errors + step.non2xx, 0)
  const answers = steps.reduce((sum, step) => sum + step.ok + step.errors + step.non2xx, 0)
  return { failed, answers, timeouts: steps.reduce((sum, step) => sum + step.timeouts, 0) }
}

function failedShare (steps: ProbeStep[]): number {
  const { failed, answers } = failureCounts(steps)
  return answers === 0 ? 0 : failed / answers
}

function failureLine (steps: ProbeStep[]) {
  const { failed, answers, timeouts } = failureCounts(steps)
  return failed === 0
    ? { passed: true, text: `failures: none of ${answers} suspect requests` }
    : { passed: false, text: `failures: ${failed} of ${answers} suspect requests (${timeouts} timeouts) failed or were not 2xx; counted apart, never in req/s` }
}

function inconclusive (why: string, evidence: ProbeJudgement['evidence'], measured: Measured | null): ProbeJudgement {
  return { kind: 'inconclusive', text: `inconclusive: ${why}`, evidence, measured }
}
