// An open-loop sender: request i is sent at i × 1000 / rate ms whatever the answers, each on a
// connection of its own (at most maxSockets open at once), and timed from when it was due.
// autocannon's `overallRate` is not this: each of its connections sends its next request only after
// the previous answer (and at most `rate ÷ connections` per second, in a burst at the start of each
// second), so a slow server slows the sender down and the queue it would have built is never seen
// (coordinated omission).
import { Agent } from 'node:http'
import type { OpenLoopSample } from '../core/open-loop.js'
import { timeHealth } from './health-probe.js'

export interface OpenLoopOptions {
  /** Base URL and path with query, e.g. `/sync/delay?ms=50`. */
  url: string
  path: string
  rate: number
  durationS: number
  timeoutS: number
  maxSockets: number
}

/** Sends rate × durationS requests on schedule, then waits for the last answers (each bounded by the timeout). */
export async function runOpenLoop (options: OpenLoopOptions): Promise<OpenLoopSample[]> {
  // A connection per request, as independent users arrive. With kept-alive connections reused by
  // the next request due, a blocked Node server (the lab's, and a bare node:http one) answered the
  // requests on connections it already had first, and those on new connections only once the sending
  // stopped: the queue hid in that second group, and each second's median no longer grew with it.
  const agent = new Agent({ keepAlive: false, maxSockets: options.maxSockets })
  const total = Math.round(options.rate * options.durationS)
  const dueMs = (i: number) => (i * 1000) / options.rate
  const started = performance.now()
  const pending: Array<Promise<OpenLoopSample>> = []
  let next = 0
  try {
    await new Promise<void>((resolve) => {
      const sendDue = () => {
        // A late timer sends every request already due at once: the schedule, not the timer, sets the rate.
        while (next < total && dueMs(next) <= performance.now() - started) {
          const atMs = dueMs(next++)
          const lateMs = performance.now() - started - atMs
          pending.push(timeHealth(options.url, agent, options.timeoutS * 1000, options.path)
            .then((answer) => ({ atMs, latencyMs: answer.latencyMs === null ? null : answer.latencyMs + lateMs, status: answer.status })))
        }
        if (next >= total) resolve()
        else setTimeout(sendDue, Math.max(0, dueMs(next) - (performance.now() - started)))
      }
      sendDue()
    })
    return await Promise.all(pending)
  } finally {
    agent.destroy()
  }
}
