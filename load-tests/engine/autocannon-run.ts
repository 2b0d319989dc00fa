// One autocannon run against one route, through its programmatic API (the same engine as its CLI).
// With `drain`, the run is honest about the requests still waiting when its window closes: it counts
// them, stops sending, waits for their answers (each bounded by the per-request timeout) and keeps
// their latencies, instead of dropping the slowest requests of the run (survivorship).
// With `warmupS`, the warm-up runs on the run's own connections: the window opens once they are open
// and the code is warm, and every latency is of the requests sent inside it; the throughput counts
// every answer the window received (the warm-up's last requests, answered in it, are kept apart).
import autocannon from 'autocannon'
import type { RequestCounts } from '../core/route-run.js'
import { percentile } from '../core/statistics.js'

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
  /**
   * Called every second of the window with the responses completed in that second (a warm-up
   * request's included) and the mean latency of the window's own requests among them.
   */
  onSecond?: (completed: number, elapsedS: number, meanLatencyMs: number | null) => void
  /**
   * After the window, wait for the requests still out and count their latencies (default: autocannon
   * closes its connections at the end of the window and those requests are never seen again).
   */
  drain?: boolean
  /**
   * Seconds of load before the window opens, on the same connections (needs `drain`). A separate
   * warm-up run would close its connections, and opening 1000 new ones cost the window's first second
   * a third of its answers.
   */
  warmupS?: number
  /** Called when the window opens: at the start, or after the warm-up. */
  onWindowOpen?: () => void
  /**
   * Called halfway through the warm-up (not without one): for what must happen before the window
   * without disturbing it, such as requests of the caller's own to the server under load.
   */
  onWarmUpHalfway?: () => void
}

export interface WindowLatency {
  p50: number
  p97_5: number
  p99: number
  max: number
  mean: number
}

export interface CountedRun {
  result: autocannon.Result
  requests: RequestCounts
  /** Seconds from the opening of the window to its close. */
  windowS: number
  /** Latencies (ms) of the window's requests answered, in the window or in the drain; null when none was. */
  latencyMs: WindowLatency | null
  /** CPU seconds this process (the load generator: autocannon, and whatever else runs in it) used during the window. */
  loadGeneratorCpuS: number
}

/** Nearest-rank percentiles (the harness's own, core/statistics.ts), the mean and the maximum of `values`. */
function summarizeLatency (values: number[]): WindowLatency | null {
  if (values.length === 0) return null
  const at = (p: number): number => percentile(values, p) ?? NaN
  return { p50: at(50), p97_5: at(97.5), p99: at(99), max: at(100), mean: values.reduce((sum, value) => sum + value, 0) / values.length }
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

/**
 * autocannon with nothing of ours per request: no listener, no count, no latency kept. For the bench,
 * whose client shares a two-core machine with the server: every microsecond it spends per request is
 * one the server might wait for, and a client that cannot keep up makes every server look alike.
 */
export async function runAutocannonLean (options: Pick<AutocannonRunOptions, 'url' | 'connections' | 'durationS' | 'timeoutS'>): Promise<autocannon.Result> {
  // autocannon looks for the end of the run at each sample, once a second by default: a half-second
  // run would last a whole second. Every tenth of a second, it ends within 0.1 s of its duration.
  return await autocannonRun({ url: options.url, connections: options.connections, duration: options.durationS, timeout: options.timeoutS, sampleInt: 100 })
}

/** One autocannon run as a promise; `started` gets the running instance (to listen to its ticks). */
async function autocannonRun (options: autocannon.Options, started: (instance: autocannon.Instance) => void = () => {}): Promise<autocannon.Result> {
  return await new Promise<autocannon.Result>((resolve, reject) => {
    started(autocannon(options, (error: unknown, result) => {
      if (error !== null && error !== undefined) reject(error instanceof Error ? error : new Error(String(error)))
      else resolve(result)
    }))
  })
}

export async function runAutocannonCounted (options: AutocannonRunOptions): Promise<CountedRun> {
  const drain = options.drain === true
  const warmupS = options.warmupS ?? 0
  if (warmupS > 0 && !drain) throw new Error('a warm-up on the run\'s connections needs drain')
  // Per connection, when its request still out was sent. A field of the connection's own record, not a
  // Map lookup: this process is the load generator, and every microsecond it spends per request at
  // 1000 connections is one the server's answers wait for.
  const connections: Array<{ client: DrainableClient, sentAt: number | undefined }> = []
  const counts: RequestCounts = { sent: 0, answered: 0, answeredFromWarmUp: 0, waitingAtClose: 0, oldestWaitingMs: null, drained: 0, unanswered: 0 }
  const latencies: number[] = []
  let openedAt: number | null = null
  let closedAt: number | null = null
  // The load generator's own CPU over the window: on a machine it shares with the server, what it
  // takes the server cannot have.
  let cpuAtOpen: NodeJS.CpuUsage | undefined
  let cpuInWindow: NodeJS.CpuUsage | undefined
  const closeCpu = () => { if (cpuAtOpen !== undefined) cpuInWindow ??= process.cpuUsage(cpuAtOpen) }
  let second = { count: 0, latencySum: 0, latencyCount: 0 }
  // A request sent once the window opened is the window's. Without a warm-up every request is, those
  // that autocannon sends while it is still making its connections included.
  const inWindow = (sent: number | undefined): sent is number =>
    sent !== undefined && (warmupS === 0 || (openedAt !== null && sent >= openedAt))
  const countsLatency = (status: number): boolean => options.latencyOf2xxOnly !== true || (status >= 200 && status < 300)

  const track = (raw: autocannon.Client) => {
    const client = raw as unknown as DrainableClient
    const connection = { client, sentAt: undefined as number | undefined }
    connections.push(connection)
    // With pipelining 1 a connection has at most one request out: its send time is the client's.
    client.on('request', () => {
      const now = performance.now()
      if (inWindow(now) && closedAt === null) counts.sent++
      connection.sentAt = now
    })
    client.on('response', (status: number, _bytes: number, latencyMs: number) => {
      const sent = connection.sentAt
      connection.sentAt = undefined
      if (!inWindow(sent)) {
        // A warm-up request answered once the window is open: the server did that work in the window,
        // so it counts in the throughput (leaving out one answer per connection would understate it by
        // connections ÷ answers, 1 % at 1000 connections), but its latency is the warm-up's.
        if (openedAt !== null && closedAt === null) {
          counts.answeredFromWarmUp++
          second.count++
        }
        return
      }
      if (countsLatency(status)) latencies.push(latencyMs)
      if (closedAt === null) {
        counts.answered++
        second.count++
        second.latencySum += latencyMs
        second.latencyCount++
      } else {
        counts.drained++
      }
    })
    // A timed-out or lost request is never answered; the client reconnects and sends again.
    const lost = () => {
      const sent = connection.sentAt
      connection.sentAt = undefined
      if (closedAt !== null && inWindow(sent)) counts.unanswered++
    }
    client.on('timeout', lost)
    client.on('connError', lost)
  }

  const waitingSince = (): number[] => connections.map(({ sentAt }) => sentAt).filter((sent) => inWindow(sent))
  const closeWindow = () => {
    closedAt = performance.now()
    closeCpu()
    const waiting = waitingSince()
    counts.waitingAtClose = waiting.length
    counts.oldestWaitingMs = waiting.length === 0 ? null : closedAt - Math.min(...waiting)
    // A client sends again only while reqsMade < responseMax: its request still out is answered, then it stops.
    for (const { client, sentAt } of connections) {
      client.responseMax = client.reqsMade
      if (sentAt === undefined) client.destroy()
    }
  }

  let elapsedS = 0
  let windowTimer: NodeJS.Timeout | undefined
  const openWindow = () => {
    openedAt = performance.now()
    cpuAtOpen = process.cpuUsage()
    second = { count: 0, latencySum: 0, latencyCount: 0 }
    options.onWindowOpen?.()
    if (drain) windowTimer = setTimeout(closeWindow, options.durationS * 1000)
  }
  const onTick = (): void => {
    elapsedS++
    if (elapsedS === warmupS && openedAt === null) {
      openWindow()
      return
    }
    const windowSecond = elapsedS - warmupS
    const mean = second.latencyCount === 0 ? null : second.latencySum / second.latencyCount
    const completed = second.count
    second = { count: 0, latencySum: 0, latencyCount: 0 }
    if (windowSecond >= 1 && windowSecond <= options.durationS) options.onSecond?.(completed, windowSecond, mean)
  }
  let result: autocannon.Result
  let halfwayTimer: NodeJS.Timeout | undefined
  try {
    result = await autocannonRun({
      url: options.url,
      connections: options.connections,
      duration: drain ? warmupS + options.durationS + options.timeoutS + DRAIN_SLACK_S : options.durationS,
      timeout: options.timeoutS,
      excludeErrorStats: options.latencyOf2xxOnly === true,
      ...(options.maxRequests === undefined ? {} : { maxOverallRequests: options.maxRequests }),
      setupClient: track
    }, (instance) => {
      // Without a warm-up the window starts once every connection is made: opening 1000 of them takes
      // this process a moment, during which no answer can be read, and would otherwise count against it.
      if (warmupS === 0) openWindow()
      else if (options.onWarmUpHalfway !== undefined) halfwayTimer = setTimeout(options.onWarmUpHalfway, warmupS * 500)
      // The typings omit the tick payload; autocannon passes the last second's counters, and one
      // more, empty, tick after it stopped. The window opens on the warm-up's last tick, so its seconds
      // are autocannon's.
      instance.on('tick', onTick as () => void)
    })
  } finally {
    // A run that ended before its window (an error) has nothing left to close.
    clearTimeout(windowTimer)
    clearTimeout(halfwayTimer)
  }
  if (closedAt === null) {
    // Without drain autocannon closed the window itself and dropped what was still out.
    closedAt = performance.now()
    closeCpu()
    const waiting = waitingSince()
    counts.waitingAtClose = waiting.length
    counts.oldestWaitingMs = waiting.length === 0 ? null : closedAt - Math.min(...waiting)
    counts.unanswered = waiting.length
  } else {
    counts.unanswered += waitingSince().length
  }
  const loadGeneratorCpuS = cpuInWindow === undefined ? 0 : (cpuInWindow.user + cpuInWindow.system) / 1e6
  return { result, requests: counts, windowS: (closedAt - (openedAt ?? closedAt)) / 1000, latencyMs: summarizeLatency(latencies), loadGeneratorCpuS }
}
