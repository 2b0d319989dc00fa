// A window of event-loop measurements for GET /stats: how late the loop ran (perf_hooks'
// monitorEventLoopDelay) and how busy it was (event-loop utilisation), since the window started.
import { Type, type Static } from '@sinclair/typebox'
import { Nullable } from './schemas/answer-types.js'
import { monitorEventLoopDelay, performance, type EventLoopUtilization, type IntervalHistogram } from 'node:perf_hooks'

// The monitor arms a timer every RESOLUTION_MS and records when it actually fired. It records the
// whole interval, so an idle loop reads ~10 ms: the resolution is subtracted to report lateness.
// A single stall is a single sample, so `max` shows a stall that p99 may hide in a long window.
// Node does not record the first interval after a reset (measured on Node 20 and 24), so a stall that
// starts within one resolution of `?reset=true` is missed: reset a moment before the load, not with it.
const RESOLUTION_MS = 10

const Ms = Nullable(Type.Number(), { description: 'Milliseconds, 2 decimals; null before the first sample.' })

export const LoopStatsSchema = Type.Object({
  pid: Type.Integer({ description: 'The process this window describes: with WORKERS > 1 each worker keeps its own, and a request reaches one of them.' }),
  uptimeS: Type.Number({ description: 'Seconds since the process started.' }),
  windowMs: Type.Number({ description: 'Length of the measurement window: since start-up or the last reset.' }),
  eventLoopDelayMs: Type.Object({
    samples: Type.Integer({ description: `Timer samples taken (one per ${RESOLUTION_MS} ms while the loop is free).` }),
    min: Ms,
    mean: Ms,
    p50: Ms,
    p99: Ms,
    max: Ms
  }, { description: 'How late the event loop ran its timers.' }),
  eventLoopUtilization: Type.Number({ description: 'Share of the window the loop was busy running JavaScript, 0 to 1.' }),
  inFlight: Type.Record(Type.String(), Type.Integer(), {
    description: 'Requests received and not yet answered, by route pattern (this request included).'
  }),
  memory: Type.Object({
    rssBytes: Type.Integer({ description: 'Resident set size of the process.' }),
    heapUsedBytes: Type.Integer(),
    heapTotalBytes: Type.Integer()
  }, { description: 'Memory now (not over the window): what a soak test watches for growth.' }),
  shedding: Type.Object({
    enabled: Type.Boolean({ description: 'SHED_LOAD.' }),
    maxEventLoopDelayMs: Type.Integer({ description: 'MAX_EVENT_LOOP_DELAY_MS; 0 = not checked.' }),
    maxEventLoopUtilization: Type.Number({ description: 'MAX_EVENT_LOOP_UTILIZATION; 0 = not checked.' })
  }, { description: 'This server\'s load-shedding settings, so a load test knows what it measured.' })
})

export type LoopStats = Static<typeof LoopStatsSchema>

function round (value: number, decimals: number): number {
  const scale = 10 ** decimals
  return Math.round(value * scale) / scale
}

export class LoopStatsWindow {
  readonly #histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  #startedAt = performance.now()
  #utilizationAtStart: EventLoopUtilization = performance.eventLoopUtilization()

  constructor () {
    this.#histogram.enable()
  }

  /** The window so far; the requests in flight and the shedding settings come from the caller. */
  snapshot (known: Pick<LoopStats, 'inFlight' | 'shedding'>): LoopStats {
    const { rss, heapUsed, heapTotal } = process.memoryUsage()
    return {
      pid: process.pid,
      uptimeS: round(process.uptime(), 1),
      windowMs: round(performance.now() - this.#startedAt, 1),
      eventLoopDelayMs: this.#delays(),
      eventLoopUtilization: round(performance.eventLoopUtilization(this.#utilizationAtStart).utilization, 4),
      inFlight: known.inFlight,
      memory: { rssBytes: rss, heapUsedBytes: heapUsed, heapTotalBytes: heapTotal },
      shedding: known.shedding
    }
  }

  restart (): void {
    this.#histogram.reset()
    this.#startedAt = performance.now()
    this.#utilizationAtStart = performance.eventLoopUtilization()
  }

  stop (): void {
    this.#histogram.disable()
  }

  #delays (): LoopStats['eventLoopDelayMs'] {
    const histogram = this.#histogram
    const lateness = (nanoseconds: number): number | null =>
      histogram.count === 0 ? null : round(Math.max(0, nanoseconds / 1e6 - RESOLUTION_MS), 2)
    return {
      samples: histogram.count,
      min: lateness(histogram.min),
      mean: lateness(histogram.mean),
      p50: lateness(histogram.percentile(50)),
      p99: lateness(histogram.percentile(99)),
      max: lateness(histogram.max)
    }
  }
}
