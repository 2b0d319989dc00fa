// The lab's live feed (GET /lab/stream): every TICK_MS, how late the event loop ran over the last
// window, how busy it was, and each route's req/s and requests in flight. Nothing runs while nobody
// watches: the delay monitor, the tick timer and the per-route counting start with the first watcher
// and stop with the last. A blocked loop cannot tick, so the feed goes silent — that silence is the
// lesson, and the page shows it.
import { monitorEventLoopDelay, performance, type EventLoopUtilization, type IntervalHistogram } from 'node:perf_hooks'

/** One event every 200 ms: fast enough to look live, few enough that the feed stays cheap. */
export const TICK_MS = 200
/** The monitor's own timer; an idle loop reads about this, so it is subtracted as lateness. */
const RESOLUTION_MS = 10

interface RouteTraffic {
  reqPerSec: number
  inFlight: number
}

export interface FeedEvent {
  /** Server time (ms since the epoch) when the event was made. */
  t: number
  /** The window the numbers cover: normally TICK_MS, longer after a stall. */
  windowMs: number
  loop: { p50Ms: number | null, p99Ms: number | null, maxMs: number, utilization: number }
  routes: Record<string, RouteTraffic>
  run: unknown
}

interface Counter { inFlight: number, completed: number }

export class LabFeed {
  readonly #send: (event: FeedEvent) => void
  readonly #currentRun: () => unknown
  #histogram: IntervalHistogram | undefined
  #timer: NodeJS.Timeout | undefined
  #lastTick = 0
  #elu: EventLoopUtilization | undefined
  #counters = new Map<string, Counter>()

  /** `send` fans one event out to the watchers; `currentRun` says what the load run is doing. */
  constructor (send: (event: FeedEvent) => void, currentRun: () => unknown) {
    this.#send = send
    this.#currentRun = currentRun
  }

  get running (): boolean { return this.#timer !== undefined }

  start (): void {
    if (this.#timer !== undefined) return
    this.#histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
    this.#histogram.enable()
    this.#elu = performance.eventLoopUtilization()
    this.#lastTick = performance.now()
    this.#timer = setInterval(() => { this.#tick() }, TICK_MS)
  }

  stop (): void {
    clearInterval(this.#timer)
    this.#timer = undefined
    this.#histogram?.disable()
    this.#histogram = undefined
    // Requests still in flight keep their own counter object; a later start counts afresh.
    this.#counters = new Map()
  }

  /** Counts a request of `route` until `onDone` is called back; a no-op while nobody watches. */
  track (route: string): (() => void) | undefined {
    if (this.#timer === undefined) return undefined
    let counter = this.#counters.get(route)
    if (counter === undefined) {
      counter = { inFlight: 0, completed: 0 }
      this.#counters.set(route, counter)
    }
    const tracked = counter
    tracked.inFlight++
    return () => { tracked.inFlight--; tracked.completed++ }
  }

  /** The event for the window of `windowMs` since the last one. */
  #event (windowMs: number): FeedEvent {
    const histogram = this.#histogram
    const lateness = (ns: number): number => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 100) / 100)
    const sampled = histogram !== undefined && histogram.count > 0
    // A stall shows as one late tick of our own timer even when the monitor missed it (it does not
    // record the first interval after a reset).
    const tickLate = Math.max(0, windowMs - TICK_MS)
    const routes: Record<string, RouteTraffic> = {}
    for (const [route, counter] of this.#counters) {
      routes[route] = { reqPerSec: Math.round((counter.completed * 1000 / windowMs) * 10) / 10, inFlight: counter.inFlight }
    }
    return {
      t: Date.now(),
      windowMs: Math.round(windowMs),
      loop: {
        p50Ms: sampled ? lateness(histogram.percentile(50)) : null,
        p99Ms: sampled ? lateness(histogram.percentile(99)) : null,
        maxMs: Math.round(Math.max(sampled ? lateness(histogram.max) : 0, tickLate) * 100) / 100,
        utilization: Math.round(performance.eventLoopUtilization(this.#elu).utilization * 1000) / 1000
      },
      routes,
      run: this.#currentRun() ?? null
    }
  }

  #tick (): void {
    const now = performance.now()
    const event = this.#event(now - this.#lastTick)
    this.#lastTick = now
    this.#histogram?.reset()
    this.#elu = performance.eventLoopUtilization()
    for (const counter of this.#counters.values()) counter.completed = 0
    this.#send(event)
  }
}
