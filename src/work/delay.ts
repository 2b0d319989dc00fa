// Simulated IO of `ms` milliseconds, three ways. Everything is shared except the one line that
// waits: that line is the whole difference between a server that stalls and one that does not.
import { startWork, type WorkReport } from './report.js'
import { busyWait } from './busy-wait.js'
import { sleepUnlessAborted } from '../client-gone.js'

/** Blocking: the thread spins until the time is up; no other request, timer or socket is served. */
export function delayBlocking (ms: number): WorkReport {
  const work = startWork('sync', 'delay', ms)
  busyWait(ms)
  return work.finish()
}

/**
 * Non-blocking, async/await (Twisted's inlineCallbacks): the loop serves others while the timer runs.
 * `signal` (the client left) cancels the timer and throws its reason.
 */
export async function delayNonBlocking (ms: number, signal?: AbortSignal): Promise<WorkReport> {
  const work = startWork('async', 'delay', ms)
  await sleepUnlessAborted(ms, signal)
  return work.finish()
}

/** Non-blocking, explicit callback (Twisted's addCallback): the same wait, continuation passed by hand. */
export function delayWithCallback (ms: number, done: (report: WorkReport) => void, signal?: AbortSignal): void {
  const work = startWork('async', 'delay', ms)
  const timer = setTimeout(() => done(work.finish()), ms)
  // Nobody to answer: the timer goes, and so does the continuation.
  signal?.addEventListener('abort', () => { clearTimeout(timer) }, { once: true })
}
