// Real IO: one HTTP call to the slow upstream, waited for three ways. Everything is shared except how
// the caller waits for the answer: asleep in Atomics.wait (like Python's `requests.get`), awaiting a
// promise (`fetch`), or handing node:http a callback.
import { Type, type Static } from '@sinclair/typebox'
import { Nullable } from '../schemas/answer-types.js'
import { startWork, WorkReportSchema, type WorkTimer } from './report.js'
import { getUpstreamBlocking } from '../upstream-clients/blocking-client.js'
import { getUpstream, getUpstreamWithCallback, upstreamDelayUrl, upstreamTimeoutMs, type UpstreamAnswer } from '../upstream-clients/upstream-client.js'

export const FetchReportSchema = Type.Composite([WorkReportSchema, Type.Object({
  upstreamMs: Nullable(Type.Number(), {
    description: 'The upstream\'s own handler time, from its Server-Timing header; null when the upstream sent none (a proxy may strip it).'
  })
})])

export type FetchReport = Static<typeof FetchReportSchema>

/** Blocking: the thread sleeps until the answer is there; no other request, timer or socket is served. */
export function fetchBlocking (upstreamUrl: string, ms: number): FetchReport {
  const work = startWork('sync', 'fetch', ms)
  return fetchReport(work, getUpstreamBlocking(upstreamDelayUrl(upstreamUrl, ms), upstreamTimeoutMs(ms)))
}

/**
 * Non-blocking, async/await with fetch: the loop serves others while the request is in flight.
 * `signal` (the client left) cancels the call.
 */
export async function fetchNonBlocking (upstreamUrl: string, ms: number, signal?: AbortSignal): Promise<FetchReport> {
  const work = startWork('async', 'fetch', ms)
  return fetchReport(work, await getUpstream(upstreamDelayUrl(upstreamUrl, ms), upstreamTimeoutMs(ms), signal))
}

/** Non-blocking, node:http with an explicit callback: the same call, continuation passed by hand. */
export function fetchWithCallback (upstreamUrl: string, ms: number, done: (error: Error | null, report?: FetchReport) => void, signal?: AbortSignal): void {
  const work = startWork('async', 'fetch', ms)
  getUpstreamWithCallback(upstreamDelayUrl(upstreamUrl, ms), upstreamTimeoutMs(ms), (error, answer) => {
    if (answer === undefined) done(error)
    else done(null, fetchReport(work, answer))
  }, signal)
}

function fetchReport (work: WorkTimer, answer: UpstreamAnswer): FetchReport {
  return { ...work.finish(), upstreamMs: answer.upstreamMs }
}
