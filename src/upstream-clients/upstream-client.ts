// Calls the slow upstream, two ways: with `fetch` (a promise) and with node:http's `get` (a callback
// and stream events). Both give the same UpstreamAnswer or the same errors (502 or 504, carried by
// `statusCode`, so they also survive the trip back from the blocking client's worker thread).
import { get } from 'node:http'
import { UpstreamFailedError, UpstreamTimeoutError } from '../errors.js'

export interface UpstreamAnswer {
  /** The upstream's own handler time, from its Server-Timing header; null when it gave none (a proxy may strip it). */
  upstreamMs: number | null
  /** Size of the body received. */
  bytes: number
}

export type UpstreamCallback = (error: Error | null, answer?: UpstreamAnswer) => void

/** How long a call may take before it is abandoned: the wait asked for plus a generous margin. */
export function upstreamTimeoutMs (ms: number): number {
  return ms + 5000
}

export function upstreamDelayUrl (baseUrl: string, ms: number): string {
  return `${baseUrl}/upstream/delay?ms=${ms}`
}

/** Reads `work;dur=12.3` (what src/work/report.ts's serverTiming writes); null without a usable `dur`. */
export function parseServerTiming (header: string | null | undefined): number | null {
  const duration = /(?:^|[;,\s])dur=(\d+(?:\.\d+)?)/.exec(header ?? '')?.[1]
  return duration === undefined ? null : Number(duration)
}

function answerOrError (url: string, status: number, serverTiming: string | null | undefined, bytes: number): UpstreamAnswer {
  if (status !== 200) throw new UpstreamFailedError(url, `the upstream answered ${status}`)
  return { upstreamMs: parseServerTiming(serverTiming), bytes }
}

export async function getUpstream (url: string, timeoutMs: number): Promise<UpstreamAnswer> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })
    const body = await response.arrayBuffer()
    return answerOrError(url, response.status, response.headers.get('server-timing'), body.byteLength)
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== undefined) throw error
    if ((error as Error).name === 'TimeoutError') throw new UpstreamTimeoutError(url, timeoutMs)
    throw new UpstreamFailedError(url, describe(error))
  }
}

export function getUpstreamWithCallback (url: string, timeoutMs: number, callback: UpstreamCallback): void {
  let settled = false
  const finish: UpstreamCallback = (error, answer) => {
    if (settled) return
    settled = true
    callback(error, answer)
  }
  // The socket timeout is an idle timeout; the upstream sends nothing until its wait is over, so here
  // it bounds the whole call.
  const request = get(url, { timeout: timeoutMs }, (response) => {
    let bytes = 0
    response.on('data', (chunk: Buffer) => { bytes += chunk.length })
    response.once('end', () => {
      try {
        finish(null, answerOrError(url, response.statusCode ?? 0, String(response.headers['server-timing'] ?? ''), bytes))
      } catch (error) {
        finish(error as Error)
      }
    })
    response.once('error', (error) => finish(new UpstreamFailedError(url, describe(error))))
  })
  request.once('timeout', () => request.destroy(new UpstreamTimeoutError(url, timeoutMs)))
  request.once('error', (error) => finish((error as { statusCode?: number }).statusCode === undefined ? new UpstreamFailedError(url, describe(error)) : error))
}

/** fetch's own message is just "fetch failed"; the reason (ECONNREFUSED, …) is in its cause. */
function describe (error: unknown): string {
  const { message, code, cause } = error as Error & { code?: string, cause?: { code?: string, message?: string } }
  return [message, cause?.code ?? cause?.message ?? code].filter((part) => part !== undefined).join(': ')
}
