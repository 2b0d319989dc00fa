// Simulated IO of `ms` milliseconds, three ways. Everything is shared except the one line that
// waits: that line is the whole difference between a server that stalls and one that does not.
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises'
import { startWork, type WorkReport } from './report.js'
import { busyWait } from './busy-wait.js'

/** Blocking: the thread spins until the time is up; no other request, timer or socket is served. */
export function delayBlocking (ms: number): WorkReport {
  const work = startWork('sync', 'delay', ms)
  busyWait(ms)
  return work.finish()
}

// ms=0 yields to the loop once (like asyncio.sleep(0)) instead of arming a timer, which Node would
// round up to 1 ms and run only in the next timers phase.

/** Non-blocking, async/await (Twisted's inlineCallbacks): the loop serves others while the timer runs. */
export async function delayNonBlocking (ms: number): Promise<WorkReport> {
  const work = startWork('async', 'delay', ms)
  await (ms === 0 ? yieldToLoop() : sleep(ms))
  return work.finish()
}

/** Non-blocking, explicit callback (Twisted's addCallback): the same wait, continuation passed by hand. */
export function delayWithCallback (ms: number, done: (report: WorkReport) => void): void {
  const work = startWork('async', 'delay', ms)
  const finish = (): void => done(work.finish())
  if (ms === 0) setImmediate(finish)
  else setTimeout(finish, ms)
}
