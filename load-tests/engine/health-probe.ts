// The collateral damage: while autocannon loads one route, this asks /health — a route nobody is
// loading — at a fixed interval (PROBE_INTERVAL_MS) and records how long each answer took. Requests
// are sent on schedule even when earlier ones have not come back yet, so each sample says how long a
// health check sent at that moment waited; the number of samples and each request's time are bounded.
import { Agent, get } from 'node:http'
import type { ProbeSample, ProbeSummary } from '../core/route-run.js'
import { percentile } from '../core/statistics.js'

export interface HealthAnswer {
  latencyMs: number | null
  status: number
}

/** One GET /health (or `path`); never rejects: a failure or timeout is `{ latencyMs: null, status: 0 }`. */
export async function timeHealth (url: string, agent: Agent | false, timeoutMs: number, path = '/health'): Promise<HealthAnswer> {
  const start = performance.now()
  return new Promise((resolve) => {
    const failed = () => resolve({ latencyMs: null, status: 0 })
    const request = get(`${url}${path}`, { agent, timeout: timeoutMs }, (response) => {
      response.once('error', failed).resume().once('end', () => {
        resolve({ latencyMs: performance.now() - start, status: response.statusCode ?? 0 })
      })
    })
    request.once('timeout', () => request.destroy(new Error(`GET ${path} timed out after ${timeoutMs} ms`)))
    request.once('error', failed)
  })
}

export interface HealthProbe {
  /**
   * From now on the samples count: the probe may start before the window it describes (its first
   * request opens a connection, which would disturb the window's start) and keep only the samples
   * sent from the window's opening, timed from it. Without a call, every sample counts.
   */
  countFromNow: () => void
  /** Stops sending, waits for the requests still out (each bounded by its timeout), returns the samples. */
  stop: () => Promise<ProbeSample[]>
}

/**
 * `path` (default /health) is appended to `url`: the probe's victim passes its whole URL and ''.
 * At most `maxSamples` are sent before `countFromNow` and at most `maxSamples` after it.
 */
export function startHealthProbe (url: string, options: { intervalMs: number, maxSamples: number, timeoutMs: number, path?: string }): HealthProbe {
  const agent = new Agent({ keepAlive: true })
  let countedFrom = performance.now()
  const pending: Array<Promise<HealthAnswer & { sentAt: number }>> = []
  const send = () => {
    const sentAt = performance.now()
    pending.push(timeHealth(url, agent, options.timeoutMs, options.path).then((answer) => ({ sentAt, ...answer })))
    if (pending.length >= options.maxSamples) stopSending()
  }
  let timer: NodeJS.Timeout | undefined = setInterval(send, options.intervalMs)
  const stopSending = () => {
    clearInterval(timer)
    timer = undefined
  }
  return {
    countFromNow: () => {
      countedFrom = performance.now()
      // The earlier samples do not count: forgotten, their requests end on their own timeouts.
      pending.length = 0
      timer ??= setInterval(send, options.intervalMs)
    },
    stop: async () => {
      stopSending()
      const answers = await Promise.all(pending)
      agent.destroy()
      return answers.map(({ sentAt, ...answer }) => ({ atMs: sentAt - countedFrom, ...answer }))
    }
  }
}

export function summarizeProbe (samples: ProbeSample[]): ProbeSummary {
  const latencies = samples.flatMap((sample) => sample.latencyMs === null ? [] : [sample.latencyMs])
  return {
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.length === 0 ? null : Math.max(...latencies),
    sent: samples.length,
    answered: latencies.length,
    failed: samples.length - latencies.length
  }
}
