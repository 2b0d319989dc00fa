// The probe's engine, usable from code and tests: times the suspect one request at a time, times the
// victim at rest, then loads the suspect at each step of connections while timing the victim on
// connections of its own. It prints nothing: the CLI and the report read the returned data. Every
// loop is bounded by a count and by the deadline (--max-duration).
import { Agent } from 'node:http'
import { PROBE_INTERVAL_MS } from '../core/route-run.js'
import { percentile } from '../core/statistics.js'
import { runAutocannon } from '../engine/autocannon-run.js'
import { startHealthProbe, summarizeProbe, timeHealth } from '../engine/health-probe.js'
import { DRAIN_POLLS_PER_STEP, planRequests } from './budget.js'
import type { ProbeOptions } from './options.js'
import type { ProbeRaw, ProbeStep, SerialTiming } from './results.js'

/** Past this share of failed or non-2xx answers in a step, the probe stops adding connections. */
const STOP_FAILED_FRACTION = 0.5
/**
 * Once the victim waits this share of the per-request timeout, the verdict is plain and more
 * connections would only hold the server's loop longer (a blocked server works off every queued request).
 */
const STOP_VICTIM_SHARE_OF_TIMEOUT = 0.5
const DRAIN_PAUSE_MS = 20
/** The victim is back at rest when it answers within this many times its resting p99 (and 10 ms), twice in a row. */
const DRAINED_FACTOR = 3
const DRAINED_FLOOR_MS = 10

const is2xx = (status: number) => status >= 200 && status < 300

export async function runProbe (options: ProbeOptions, progress: (message: string) => void = () => {}): Promise<ProbeRaw> {
  const deadline = performance.now() + options.maxDurationS * 1000
  const timeoutMs = options.timeoutS * 1000
  const budget = planRequests(options)
  let requestsSent = 0

  progress(`timing the suspect, ${options.serialRequests} requests one at a time`)
  const suspect = await timeSerially(options.suspect, options.serialRequests, timeoutMs, deadline)
  requestsSent += suspect.sent
  if (suspect.p50Ms === null) throw new Error(`the suspect answered none of ${suspect.sent} requests with 2xx (${describeFailures(suspect)})`)
  progress(`timing the victim at rest, ${options.serialRequests} requests one at a time`)
  const victimAtRest = await timeSerially(options.victim, options.serialRequests, timeoutMs, deadline)
  requestsSent += victimAtRest.sent
  if (victimAtRest.p99Ms === null) throw new Error(`the victim answered none of ${victimAtRest.sent} requests with 2xx (${describeFailures(victimAtRest)})`)
  const restedMs = Math.max(DRAINED_FLOOR_MS, DRAINED_FACTOR * victimAtRest.p99Ms)

  const steps: ProbeStep[] = []
  const skipped: ProbeRaw['skipped'] = []
  for (const [i, connections] of options.steps.entries()) {
    const stop = (reason: string, from = i) => { skipped.push(...options.steps.slice(from).map((c) => ({ connections: c, reason }))) }
    if (performance.now() + options.stepDurationS * 1000 > deadline) { stop(`--max-duration ${options.maxDurationS} s would be passed`); break }
    const drainBefore = await waitForRest(options.victim, restedMs, deadline, timeoutMs)
    requestsSent += drainBefore.polls
    if (!drainBefore.rested) { stop(`the victim did not come back under ${Math.round(restedMs)} ms before --max-duration`); break }
    if (performance.now() + options.stepDurationS * 1000 > deadline) { stop(`--max-duration ${options.maxDurationS} s would be passed`); break }

    progress(`${connections} connections on the suspect for ${options.stepDurationS} s, timing the victim every ${PROBE_INTERVAL_MS} ms`)
    const step = await runStep(options, connections, budget, timeoutMs)
    steps.push({ ...step, drainBefore: { waitedMs: drainBefore.waitedMs, polls: drainBefore.polls } })
    requestsSent += step.sent + step.victim.sent
    const answers = step.ok + step.non2xx + step.errors
    if (answers > 0 && (step.non2xx + step.errors) / answers > STOP_FAILED_FRACTION) { stop(`the suspect failed ${step.non2xx + step.errors} of ${answers} requests at ${connections} connections`, i + 1); break }
    const victimMs = step.victim.p50Ms
    if (victimMs === null || victimMs >= STOP_VICTIM_SHARE_OF_TIMEOUT * timeoutMs) {
      stop(`the victim already ${victimMs === null ? 'got no answer' : `waited ${Math.round(victimMs)} ms (p50)`} at ${connections} connections; more would only stall the server longer`, i + 1)
      break
    }
  }
  return { suspect, victimAtRest, ...singleRequestTime(suspect.p50Ms, steps), steps, skipped, suspectRequestsPerStep: budget.suspectPerStep, requestsSent }
}

/**
 * t from the serial requests, or from the one-connection step when its median is smaller: both are
 * one request at a time, and the step has many more of them. Noise on a shared machine only ever
 * adds time, so of two estimates of the same time the smaller is the less disturbed.
 */
function singleRequestTime (serialMs: number, steps: ProbeStep[]): Pick<ProbeRaw, 'tMs' | 'tFrom'> {
  const oneConnection = steps.find((step) => step.connections === 1 && step.ok > 0)
  if (oneConnection !== undefined && oneConnection.latencyMs.p50 > 0 && oneConnection.latencyMs.p50 < serialMs) {
    return { tMs: oneConnection.latencyMs.p50, tFrom: 'one-connection step' }
  }
  return { tMs: serialMs, tFrom: 'serial requests' }
}

async function runStep (options: ProbeOptions, connections: number, budget: ReturnType<typeof planRequests>, timeoutMs: number): Promise<Omit<ProbeStep, 'drainBefore'>> {
  const victimProbe = startHealthProbe(options.victim, { intervalMs: PROBE_INTERVAL_MS, maxSamples: budget.victimPerStep, timeoutMs, path: '' })
  let result
  try {
    result = await runAutocannon({
      url: options.suspect,
      connections,
      durationS: options.stepDurationS,
      timeoutS: options.timeoutS,
      latencyOf2xxOnly: true,
      maxRequests: budget.suspectPerStep
    })
  } catch (error) {
    await victimProbe.stop()
    throw error
  }
  const samples = await victimProbe.stop()
  const ok = result['2xx']
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, (stat as { count: number }).count]))
  return {
    connections,
    durationS: result.duration,
    sent: result.requests.sent,
    ok,
    reqPerSec: result.duration > 0 ? ok / result.duration : 0,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    cappedByRequests: result.requests.sent >= budget.suspectPerStep && result.duration < options.stepDurationS * 0.95,
    victim: { ...summarizeProbe(samples), samples }
  }
}

/** `count` requests one after another on one connection, each bounded by `timeoutMs`, none started after `deadline`. */
async function timeSerially (url: string, count: number, timeoutMs: number, deadline: number): Promise<SerialTiming> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const samples: SerialTiming['samples'] = []
  try {
    for (let i = 0; i < count && performance.now() < deadline; i++) samples.push(await timeHealth(url, agent, timeoutMs, ''))
  } finally {
    agent.destroy()
  }
  const okMs = samples.flatMap((sample) => sample.latencyMs !== null && is2xx(sample.status) ? [sample.latencyMs] : [])
  return {
    p50Ms: percentile(okMs, 50),
    p99Ms: percentile(okMs, 99),
    sent: samples.length,
    ok: okMs.length,
    non2xx: samples.filter((sample) => sample.latencyMs !== null && !is2xx(sample.status)).length,
    errors: samples.filter((sample) => sample.latencyMs === null).length,
    samples
  }
}

function describeFailures (timing: SerialTiming): string {
  const statuses = timing.samples.filter((sample) => sample.latencyMs !== null).map((sample) => sample.status)
  return `${timing.errors} without an answer, statuses ${statuses.length === 0 ? 'none' : [...new Set(statuses)].join(', ')}`
}

/**
 * A blocked server works off its backlog after the load stops; the next step must not be charged
 * with it. Waits until the victim answers 2xx under `restedMs` twice in a row, at most
 * DRAIN_POLLS_PER_STEP polls and never past `deadline`.
 */
async function waitForRest (url: string, restedMs: number, deadline: number, timeoutMs: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const started = performance.now()
  let inARow = 0
  let polls = 0
  try {
    while (inARow < 2 && polls < DRAIN_POLLS_PER_STEP && performance.now() < deadline) {
      const answer = await timeHealth(url, agent, Math.min(timeoutMs, Math.max(1, deadline - performance.now())), '')
      polls++
      const rested = answer.latencyMs !== null && is2xx(answer.status) && answer.latencyMs < restedMs
      inARow = rested ? inARow + 1 : 0
      if (!rested) await new Promise((resolve) => setTimeout(resolve, DRAIN_PAUSE_MS))
    }
  } finally {
    agent.destroy()
  }
  return { rested: inARow >= 2, waitedMs: performance.now() - started, polls }
}
