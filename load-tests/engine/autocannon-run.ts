// One autocannon run against one route, through its programmatic API (the same engine as its CLI).
import autocannon from 'autocannon'

export interface AutocannonRunOptions {
  url: string
  connections: number
  durationS: number
  /** Per-request timeout: long enough that a blocking route's queue counts as slow, not as errors. */
  timeoutS: number
  /** Latency percentiles of 2xx answers only (e.g. shed requests' fast 503s left out). */
  latencyOf2xxOnly?: boolean
  /** Called every second with the responses completed in that second. */
  onSecond?: (completed: number, elapsedS: number) => void
}

export async function runAutocannon (options: AutocannonRunOptions): Promise<autocannon.Result> {
  let elapsedS = 0
  return new Promise((resolve, reject) => {
    const instance = autocannon({
      url: options.url,
      connections: options.connections,
      duration: options.durationS,
      timeout: options.timeoutS,
      excludeErrorStats: options.latencyOf2xxOnly === true
    }, (error: unknown, result) => {
      if (error !== null && error !== undefined) reject(error instanceof Error ? error : new Error(String(error)))
      else resolve(result)
    })
    // The typings omit the tick payload; autocannon passes the last second's counters, and one
    // more, empty, tick after it stopped.
    instance.on('tick', ((tick: { counter: number }) => {
      elapsedS++
      if (elapsedS <= options.durationS) options.onSecond?.(tick.counter, elapsedS)
    }) as () => void)
  })
}
