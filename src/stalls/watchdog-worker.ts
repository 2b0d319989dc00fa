// The watchdog thread. It reads the loop's heartbeat (./heartbeat.ts); when the beat is overdue by
// more than the threshold, the loop is held, and it asks the main thread's inspector for the stack.
// The inspector runs `Runtime.evaluate` as a V8 interrupt, on top of whatever JavaScript holds the
// loop: the expression reads `new Error().stack` there, in well under a millisecond, and the code
// goes on. No debugger is enabled and nothing is paused, so a healthy loop pays nothing. Native code
// (JSON.parse, a *Sync call) takes no interrupt: the stack is then read as soon as that call returns.
// When the loop beats again, the stall's length and its stacks go to the main thread, which logs it.
import { Session } from 'node:inspector'
import { parentPort, workerData } from 'node:worker_threads'
import { BEAT, CPU_MS, HELD_MS, nowMs, STALLS } from './heartbeat.js'
import { StackMapper } from './stack-frames.js'
import { SAMPLE_EXPRESSION, type StackSample, type StallRecord, type WatchdogData } from './watchdog-protocol.js'

const { shared: buffer, thresholdMs, root } = workerData as WatchdogData
const shared = new BigInt64Array(buffer)
// A long stall is read again every thresholdMs, so requests that hold the loop in turn are all named.
const MAX_SAMPLES = 5
const MAX_FRAMES = 12
const CHECK_MS = Math.max(5, Math.min(25, Math.floor(thresholdMs / 4)))
const SAMPLE_TIMEOUT_MS = 1000

const mapper = new StackMapper(root)
// Connected at start: connecting takes a turn of the main thread's loop, which a stall would delay
// until after it. A connected session with no domain enabled costs the main thread nothing.
const session = new Session()
session.connectToMainThread()

let samples: StackSample[] = []
let sampling: Promise<void> | undefined
let lastSampleAt = 0
let stallsSeen = Atomics.load(shared, STALLS)

function evaluateOnMainThread (): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    session.post('Runtime.evaluate', { expression: SAMPLE_EXPRESSION, returnByValue: true }, (error, answer) => {
      if (error !== null) reject(error)
      else resolve(answer.result.value as string | undefined)
    })
  })
}

async function sample (): Promise<void> {
  const askedAt = performance.now()
  lastSampleAt = nowMs()
  const value = await evaluateOnMainThread()
  if (value === undefined) return
  const { stack, request } = JSON.parse(value) as { stack: string, request: StackSample['request'] }
  samples.push({ frames: mapper.frames(stack, MAX_FRAMES), request, lateMs: Math.round(performance.now() - askedAt) })
}

async function report (heldMs: number, cpuMs: number): Promise<void> {
  // A stack asked for during the stall may still be on its way back: it belongs to this stall.
  if (sampling !== undefined) await Promise.race([sampling, new Promise((resolve) => setTimeout(resolve, SAMPLE_TIMEOUT_MS))])
  const record: StallRecord = { heldMs, cpuMs, samples }
  samples = []
  parentPort?.postMessage(record)
}

function check (): void {
  // The beat first: the stall count is written before it, so a fresh beat comes with its count.
  const beat = Number(Atomics.load(shared, BEAT))
  const stalls = Atomics.load(shared, STALLS)
  if (beat === 0) return
  if (stalls !== stallsSeen) {
    stallsSeen = stalls
    report(Number(Atomics.load(shared, HELD_MS)), Number(Atomics.load(shared, CPU_MS))).catch(() => { /* the main thread is gone: nobody to tell */ })
    return
  }
  const now = nowMs()
  const held = now - beat > thresholdMs
  if (!held) {
    // Sampled, but the beat came back less than thresholdMs late: no stall to report.
    if (sampling === undefined) samples = []
    return
  }
  if (sampling !== undefined || samples.length >= MAX_SAMPLES || now - lastSampleAt < thresholdMs) return
  sampling = sample()
    .catch(() => { /* the main thread is closing or its inspector is gone: no stack this time */ })
    .finally(() => { sampling = undefined })
}

setInterval(check, CHECK_MS)
