// Spins on the monotonic clock. A spin rather than `Atomics.wait`: both hold the thread, but a spin
// also keeps the CPU busy, which is what most accidental blocking looks like in production (a big
// JSON.parse, a sync crypto call, a runaway regex) and what event-loop-utilisation and CPU graphs show.
// `performance.now()` is monotonic, so a wall-clock change cannot shorten or stretch the wait.
export function busyWait (ms: number): void {
  const end = performance.now() + ms
  while (performance.now() < end) {
    // Nothing to do: holding the thread is the point.
  }
}
