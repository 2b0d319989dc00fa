// Physical throughput bounds: what a route could serve at best, so every measurement is read
// against a number with a reason, not against another measurement.

export interface Bound {
  reqPerSec: number
  /** How the number was reached, e.g. `100 connections × 1000 / 50 ms`. */
  formula: string
}

/** A route's bound at a given number of connections. */
export type BoundAt = (connections: number) => Bound

/**
 * Non-blocking waits overlap: by Little's law each connection completes one request per `ms`, so the
 * server serves connections × 1000 / ms requests per second.
 */
export function concurrentBound (ms: number): BoundAt {
  return (connections) => ({
    reqPerSec: (connections * 1000) / ms,
    formula: `${connections} connections × 1000 / ${ms} ms (Little's law)`
  })
}

/** Blocking waits are served one after another: 1000 / ms per second, whatever the concurrency. */
export function serialBound (ms: number): BoundAt {
  return () => ({ reqPerSec: 1000 / ms, formula: `1000 / ${ms} ms, one request at a time` })
}

/**
 * Blocking waits on `processes` event loops (WORKERS, node:cluster): each serves one request at a
 * time, so processes × 1000 / ms per second at best, whatever the concurrency.
 */
export function processesBound (processes: number, ms: number): BoundAt {
  return () => ({ reqPerSec: (processes * 1000) / ms, formula: `${processes} process${processes === 1 ? '' : 'es'} × 1000 / ${ms} ms, one request at a time each` })
}

/**
 * Work that runs on a pool of `parallel` threads (libuv's threadpool, a worker pool): at most
 * min(connections, parallel) requests progress at once, each taking `ms`. `parallelWhy` says where
 * `parallel` comes from, e.g. `min(UV_THREADPOOL_SIZE 4, 2 cores)`.
 */
export function parallelBound (parallel: number, parallelWhy: string, ms: number): BoundAt {
  return (connections) => ({
    reqPerSec: (Math.min(connections, parallel) * 1000) / ms,
    formula: `min(${connections} connections, ${parallelWhy} = ${parallel}) × 1000 / ${ms} ms`
  })
}

/** The same bound, its formula followed by a note, e.g. where a measured number in it came from. */
export function annotatedBound (bound: BoundAt, note: string): BoundAt {
  return (connections) => {
    const { reqPerSec, formula } = bound(connections)
    return { reqPerSec, formula: `${formula}; ${note}` }
  }
}
