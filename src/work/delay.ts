// Simulated IO of `ms` milliseconds, three ways. Everything is shared except the one line that
// waits: that line is the whole difference between a server that stalls and one that does not.
import { startWork, type WorkReport } from './report.js'
import { busyWait } from './busy-wait.js'
import { sleepUnlessGone, waitUnlessGone, type OnClientGone } from '../client-gone.js'

/** Blocking: the thread spins until the time is up; no other request, timer or socket is served. */
export function delayBlocking (ms: number): WorkReport {
  const work = startWork('sync', 'delay', ms)
  busyWait(ms)
  return work.finish()
}

// ms=0 yields to the loop once (like asyncio.sleep(0)) instead of arming a timer, which Node would
// round up to 1 ms and run only in the next timers phase (src/client-gone.ts, waitUnlessGone).

/**
 * Non-blocking, async/await (Twisted's inlineCallbacks): the loop serves others while the timer runs.
 * `onGone` (the client left) cancels the timer and rejects with its reason.
 */
export async function delayNonBlocking (ms: number, onGone?: OnClientGone): Promise<WorkReport> {
  const work = startWork('async', 'delay', ms)
  await sleepUnlessGone(ms, onGone)
  return work.finish()
}

/**
 * Non-blocking, explicit callback (Twisted's addCallback): the same wait, continuation passed by hand.
 * Nobody to answer: the wait goes, and so does the continuation.
 */
export function delayWithCallback (ms: number, done: (report: WorkReport) => void, onGone?: OnClientGone): void {
  const work = startWork('async', 'delay', ms)
  waitUnlessGone(ms, () => { done(work.finish()) }, () => {}, onGone)
}
