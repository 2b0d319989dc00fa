// Small clocks for tests that measure the event loop from outside the server process.

/** Runs `fn` and returns how long it took, in milliseconds. */
export async function timed<T> (fn: () => Promise<T>): Promise<{ value: T, ms: number }> {
  const start = performance.now()
  const value = await fn()
  return { value, ms: performance.now() - start }
}

/** GETs `url` with a hard timeout and returns the status and the time it took. */
export async function timedGet (url: string, timeoutMs = 15_000): Promise<{ status: number, ms: number }> {
  const { value, ms } = await timed(async () => {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })
    await response.arrayBuffer()
    return response.status
  })
  return { status: value, ms }
}

export async function pause (ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms))
}
