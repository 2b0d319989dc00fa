// Waits until the server has worked off what the last run left behind. A blocking route's backlog
// keeps the event loop busy for up to connections × ms after autocannon stops; starting the next
// run before that would charge the previous route's queue to the next one.
import { Agent } from 'node:http'
import type { DrainWait } from '../core/route-run.js'
import { timeHealth } from './health-probe.js'

const DRAINED_BELOW_MS = 10
const DRAINED_IN_A_ROW = 2
const POLL_PAUSE_MS = 20

/**
 * Resolves once /health answered under DRAINED_BELOW_MS, DRAINED_IN_A_ROW times in a row; throws after `timeoutMs`. `path` probes
 * something else that must be idle: a backlog the event loop does not see (hashes queued on libuv's
 * threadpool) delays a tiny job queued behind it, not /health.
 */
export async function waitForDrain (url: string, timeoutMs: number, progress: (message: string) => void = () => {}, path = '/health'): Promise<DrainWait> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const started = performance.now()
  let fastInARow = 0
  let polls = 0
  try {
    while (fastInARow < DRAINED_IN_A_ROW) {
      const waitedMs = performance.now() - started
      if (waitedMs > timeoutMs) throw new Error(`${url} did not drain: ${path} still slower than ${DRAINED_BELOW_MS} ms after ${Math.round(waitedMs)} ms`)
      const answer = await timeHealth(url, agent, Math.max(1, timeoutMs - waitedMs), path)
      polls++
      const fast = answer.status === 200 && answer.latencyMs !== null && answer.latencyMs < DRAINED_BELOW_MS
      fastInARow = fast ? fastInARow + 1 : 0
      if (!fast) {
        progress(`draining: ${path} took ${answer.latencyMs === null ? 'too long' : `${Math.round(answer.latencyMs)} ms`}, waiting for ${DRAINED_IN_A_ROW} answers under ${DRAINED_BELOW_MS} ms`)
        await new Promise((resolve) => setTimeout(resolve, POLL_PAUSE_MS))
      }
    }
    return { waitedMs: performance.now() - started, polls }
  } finally {
    agent.destroy()
  }
}
