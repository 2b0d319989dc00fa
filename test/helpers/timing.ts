// Small clocks for tests that measure the event loop from outside the server process.
import { get } from 'node:http'

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

/**
 * GETs `url` on a new connection of its own (fetch would reuse a pooled one), so its place in the
 * server's queue depends on when it was sent, not on which pooled socket it happened to get.
 */
export async function timedGetOnNewConnection (url: string, timeoutMs = 15_000): Promise<{ status: number, ms: number }> {
  const { value, ms } = await timed(() => new Promise<number>((resolve, reject) => {
    const request = get(url, { agent: false, timeout: timeoutMs }, (response) => {
      response.resume().once('end', () => resolve(response.statusCode ?? 0))
    })
    request.once('timeout', () => request.destroy(new Error(`GET ${url} timed out`))).once('error', reject)
  }))
  return { status: value, ms }
}
