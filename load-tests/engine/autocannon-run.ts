// One autocannon run against one route, through its programmatic API (the same engine as its CLI).
// With `drain`, the run is honest about the requests still waiting when its window closes: it counts
// them, stops sending, waits for their answers (each bounded by the per-request timeout) and keeps
// their latencies, instead of dropping the slowest requests of the run (survivorship).
import autocannon from 'autocannon'
import type { RequestCounts } from '../core/route-run.js'

export interface AutocannonRunOptions {
  url: string
  connections: number
  durationS: number
  /** Per-request timeout: long enough that a blocking route's queue counts as slow, not as errors. */
  timeoutS: number
  /** Latency percentiles of 2xx answers only (e.g. shed requests' fast 503s left out). */
  latencyOf2xxOnly?: boolean
  /** A ceiling on the requests sent: the run ends at it even before `durationS` (at least `connections`). */
  maxRequests?: number
  /** Called every second of the window with the responses completed in that second and their mean latency. */
  onSecond?: (completed: number, elapsedS: number, meanLatencyMs: number | null) => void
  /**
   * After the window, wait for the requests still out and count their latencies (default: autocannon
   * closes its connections at the end of the window and those requests are never seen again).
   */
  drain?: boolean
}

export interface CountedRun {
  result: autocannon.Result
  requests: RequestCounts
  /** Seconds from the first request to the close of the window. */
  windowS: number
}

/** The part of autocannon's Client this file relies on (autocannon 9's lib/httpClient.js). */
interface DrainableClient extends NodeJS.EventEmitter {
  reqsMade: number
  responseMax: number | undefined
  destroy: () => void
}

/** Extra seconds autocannon may run after the longest drain, before it stops on its own. */
const DRAIN_SLACK_S = 5

export async function runAutocannon (options: AutocannonRunOptions): Promise<autocannon.Result> {
  return (await runAutocannonCounted(options)).result
}

export async function runAutocannonCounted (options: AutocannonRunOptions): Promise<CountedRun> {
  const drain = options.drain === true
  const sentAt = new Map<DrainableClient, number>()
  const clients: DrainableClient[] = []
  const counts: RequestCounts = { sent: 0, answered: 0, waitingAtClose: 0, oldestWaitingMs: null, drained: 0, unanswered: 0 }
  let closedAt: number | null = null
  let second = { count: 0, latencySum: 0 }
  let started = performance.now()

  const track = (raw: autocannon.Client) => {
    const client = raw as unknown as DrainableClient
    clients.push(client)
    // With pipelining 1 a connection has at most one request out: its send time is the client's.
    client.on('request', () => {
      if (closedAt === null) counts.sent++
      sentAt.set(client, performance.now())
    })
    client.on('response', (_status: number, _bytes: number, latencyMs: number) => {
      sentAt.delete(client)
      if (closedAt === null) {
        counts.answered++
        second.count++
        second.latencySum += latencyMs
      } else {
        counts.drained++
      }
    })
    // A timed-out or lost request is never answered; the client reconnects and sends again.
    const lost = () => { if (sentAt.delete(client) && closedAt !== null) counts.unanswered++ }
    client.on('timeout', lost)
    client.on('connError', lost)
  }

  const closeWindow = () => {
    closedAt = performance.now()
    counts.waitingAtClose = sentAt.size
    counts.oldestWaitingMs = sentAt.size === 0 ? null : closedAt - Math.min(...sentAt.values())
    // A client sends again only while reqsMade < responseMax: its request still out is answered, then it stops.
    for (const client of clients) {
      client.responseMax = client.reqsMade
      if (!sentAt.has(client)) client.destroy()
    }
  }

  let elapsedS = 0
  let windowTimer: NodeJS.Timeout | undefined
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url: options.url,
      connections: options.connections,
      duration: drain ? options.durationS + options.timeoutS + DRAIN_SLACK_S : options.durationS,
      timeout: options.timeoutS,
      excludeErrorStats: options.latencyOf2xxOnly === true,
      ...(options.maxRequests === undefined ? {} : { maxOverallRequests: options.maxRequests }),
      setupClient: track
    }, (error: unknown, result) => {
      // A run that ended before its window (an error) has nothing left to close.
      clearTimeout(windowTimer)
      if (error !== null && error !== undefined) reject(error instanceof Error ? error : new Error(String(error)))
      else resolve(result)
    })
    // The window starts once every connection is made: opening 1000 of them takes this process a
    // moment, during which no answer can be read, and would otherwise count against the window.
    started = performance.now()
    if (drain) windowTimer = setTimeout(closeWindow, options.durationS * 1000)
    // The typings omit the tick payload; autocannon passes the last second's counters, and one
    // more, empty, tick after it stopped.
    instance.on('tick', ((tick: { counter: number }) => {
      elapsedS++
      const mean = second.count === 0 ? null : second.latencySum / second.count
      second = { count: 0, latencySum: 0 }
      if (elapsedS <= options.durationS) options.onSecond?.(tick.counter, elapsedS, mean)
    }) as () => void)
  })
  if (closedAt === null) {
    // Without drain autocannon closed the window itself and dropped what was still out.
    closedAt = performance.now()
    counts.waitingAtClose = sentAt.size
    counts.oldestWaitingMs = sentAt.size === 0 ? null : closedAt - Math.min(...sentAt.values())
    counts.unanswered = sentAt.size
  } else {
    counts.unanswered += sentAt.size
  }
  return { result, requests: counts, windowS: ((closedAt ?? performance.now()) - started) / 1000 }
}
