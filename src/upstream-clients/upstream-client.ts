// Calls the slow upstream, two ways: with `fetch` (a promise) and with node:http's `get` (a callback
// and stream events). Both give the same UpstreamAnswer or the same errors (502 or 504, carried by
// `statusCode`, so they also survive the trip back from the blocking client's worker thread).
import { get } from 'node:http'
import { UpstreamFailedError } from '../errors.js'
import { upstreamDeadline } from './upstream-deadline.js'

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

/**
 * With fetch. `signal` is the caller's (the client left): it cancels the call, and its reason is the
 * error. The timeout is an upstreamDeadline: it does not count the time this loop was blocked.
 */
export async function getUpstream (url: string, timeoutMs: number, signal?: AbortSignal): Promise<UpstreamAnswer> {
  const deadline = upstreamDeadline(url, timeoutMs)
  const both = signal === undefined ? deadline.signal : AbortSignal.any([deadline.signal, signal])
  try {
    const response = await fetch(url, { signal: both })
    const body = await response.arrayBuffer()
    return answerOrError(url, response.status, response.headers.get('server-timing'), body.byteLength)
  } catch (error) {
    if (both.aborted) throw both.reason
    if ((error as { statusCode?: number }).statusCode !== undefined) throw error
    throw new UpstreamFailedError(url, describe(error))
  } finally {
    deadline.clear()
  }
}

/** With node:http and a callback: the same call, the same answers and errors, the same cancellation. */
export function getUpstreamWithCallback (url: string, timeoutMs: number, callback: UpstreamCallback, signal?: AbortSignal): void {
  const deadline = upstreamDeadline(url, timeoutMs)
  const both = signal === undefined ? deadline.signal : AbortSignal.any([deadline.signal, signal])
  let settled = false
  const finish: UpstreamCallback = (error, answer) => {
    if (settled) return
    settled = true
    deadline.clear()
    callback(both.aborted ? both.reason as Error : error, answer)
  }
  const request = get(url, { signal: both }, (response) => {
    let bytes = 0
    response.on('data', (chunk: Buffer) => { bytes += chunk.length })
    response.once('end', () => {
      try {
        finish(null, answerOrError(url, response.statusCode ?? 0, String(response.headers['server-timing'] ?? ''), bytes))
      } catch (error) {
        finish(error as Error)
      }
    })
    // A response cut short (a reset, a body shorter than announced) ends in 'error', not 'end'.
    response.once('error', (error) => finish(new UpstreamFailedError(url, describe(error))))
  })
  request.once('error', (error) => finish((error as { statusCode?: number }).statusCode === undefined ? new UpstreamFailedError(url, describe(error)) : error))
}

/** fetch's own message is just "fetch failed"; the reason (ECONNREFUSED, …) is in its cause. */
function describe (error: unknown): string {
  const { message, code, cause } = error as Error & { code?: string, cause?: { code?: string, message?: string } }
  return [message, cause?.code ?? cause?.message ?? code].filter((part) => part !== undefined).join(': ')
}
