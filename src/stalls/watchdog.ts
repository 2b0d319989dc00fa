// The main thread's side of the stall watchdog, one per process however many apps it builds (tests
// build many): the heartbeat, the watchdog thread, and which request is running. Each app watching
// gets the stalls of its own requests, and the first one also those of no request, so a stall is
// reported once.
import { Worker } from 'node:worker_threads'
import type { FastifyReply } from 'fastify'
import { workerFile } from '../worker-script.js'
import { routeLabel } from '../route-label.js'
import { sharedHeartbeat, startHeartbeat } from './heartbeat.js'
import { SAMPLE_FUNCTION, type RunningRequest, type StallRecord, type WatchdogData } from './watchdog-protocol.js'

export interface StallWatcher {
  onStall: (record: StallRecord) => void
  onError: (error: Error) => void
}

interface Watching {
  worker: Worker
  stopHeartbeat: () => void
}

const STACK_TRACE_LIMIT = 20

const watchers = new Map<number, StallWatcher>()
let nextWatcherId = 1
let watching: Watching | undefined
// The request whose code runs now, kept as a reference (no allocation per request: this runs for
// every request, the healthy ones included) and described only when a stall is sampled.
let runningReply: FastifyReply | undefined
let runningWatcher = 0

/**
 * Marks `reply`'s request as the one whose code runs now, until `leaveRequest`. The stall detector
 * brackets each handler call with the two (src/plugins/stall-detector.ts): the synchronous part of a
 * handler is where blocking code usually sits, and code that runs after an `await`, or a request that
 * only waits on a timer, is no request's. Two assignments per request, no allocation.
 */
export function enterRequest (reply: FastifyReply, watcher: number): void {
  runningReply = reply
  runningWatcher = watcher
}

export function leaveRequest (): void {
  runningReply = undefined
}

// Replies whose request was sampled holding the loop: its stall line names it, so the slow-request
// line (src/plugins/request-logging.ts) does not say it again. A WeakSet: a finished reply is freed.
const heldLoop = new WeakSet<FastifyReply>()

/** Whether this reply's request held the loop in a stall the detector reported (or is reporting). */
export function heldTheLoop (reply: FastifyReply): boolean {
  return heldLoop.has(reply)
}

/** The running request, or null when none is (a timer, an `await`'s continuation, start-up work). */
function describeRunning (): RunningRequest | null {
  if (runningReply === undefined || runningReply.sent) return null
  heldLoop.add(runningReply)
  const { method, url, id } = runningReply.request
  return { method, url, route: routeLabel(runningReply.request), id, watcher: runningWatcher }
}

// The inspector's evaluated expression, as the frame under this function's own.
const EVALUATED_FRAME = /^\s*at <anonymous>:\d+:\d+$/

// Runs as a V8 interrupt on top of the code that holds the loop; captureStackTrace leaves itself out.
function sampleStack (): string {
  const holder: { stack?: string } = {}
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = STACK_TRACE_LIMIT
  Error.captureStackTrace(holder, sampleStack)
  Error.stackTraceLimit = limit
  const frames = (holder.stack ?? '').split('\n').slice(1).filter((line) => !EVALUATED_FRAME.test(line))
  return JSON.stringify({ stack: ['Error', ...frames].join('\n'), request: describeRunning() })
}

function deliver (record: StallRecord): void {
  const owner = record.samples[0]?.request?.watcher
  const watcher = (owner === undefined ? undefined : watchers.get(owner)) ?? watchers.values().next().value
  watcher?.onStall(record)
}

function start (thresholdMs: number): Watching {
  const shared = sharedHeartbeat()
  const data: WatchdogData = { shared: shared.buffer as SharedArrayBuffer, thresholdMs, root: process.cwd() }
  const worker = new Worker(workerFile(import.meta.url, './watchdog-worker.js'), { workerData: data })
  worker.on('message', deliver)
  worker.on('error', (error) => { for (const watcher of watchers.values()) watcher.onError(error) })
  // The watchdog watches the process; it must not keep it alive.
  worker.unref()
  Object.defineProperty(globalThis, SAMPLE_FUNCTION, { value: sampleStack, configurable: true })
  return { worker, stopHeartbeat: startHeartbeat(shared, thresholdMs) }
}

/**
 * Starts watching the loop for stalls of `thresholdMs` or more (the first watcher's threshold holds
 * for the process). Returns the watcher's id, for enterRequest, and the function that stops watching;
 * the last one to stop ends the watchdog thread.
 */
export function watchStalls (thresholdMs: number, watcher: StallWatcher): { id: number, stop: () => Promise<void> } {
  const id = nextWatcherId++
  watchers.set(id, watcher)
  watching ??= start(thresholdMs)
  return {
    id,
    stop: async () => {
      watchers.delete(id)
      if (watchers.size > 0 || watching === undefined) return
      const { worker, stopHeartbeat } = watching
      watching = undefined
      stopHeartbeat()
      Reflect.deleteProperty(globalThis, SAMPLE_FUNCTION)
      await worker.terminate()
    }
  }
}
