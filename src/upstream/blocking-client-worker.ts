// The worker behind the blocking client: an ordinary non-blocking HTTP call, whose outcome synckit
// hands back to the main thread, which sleeps in Atomics.wait until it comes. A failure travels as
// plain data: an error with methods (like @fastify/error's) cannot cross threads.
import { runAsWorker } from 'synckit'
import { getUpstream, type UpstreamAnswer } from './upstream-client.js'

export interface FailureData {
  name: string
  message: string
  code?: string
  statusCode?: number
}

export type BlockingOutcome = { answer: UpstreamAnswer } | { failure: FailureData }

export async function getUpstreamOutcome (url: string, timeoutMs: number): Promise<BlockingOutcome> {
  try {
    return { answer: await getUpstream(url, timeoutMs) }
  } catch (error) {
    const { name, message, code, statusCode } = error as Error & Omit<FailureData, 'name' | 'message'>
    return { failure: { name, message, ...(code === undefined ? {} : { code }), ...(statusCode === undefined ? {} : { statusCode }) } }
  }
}

runAsWorker(getUpstreamOutcome)
