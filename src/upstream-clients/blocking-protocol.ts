// What the blocking client and its worker say to each other: a call goes out on a MessagePort; the
// answer comes back on it, and the worker sets a shared flag the caller sleeps on (Atomics.wait).
import type { UpstreamAnswer } from './upstream-client.js'

interface FailureData {
  name: string
  message: string
  code?: string
  statusCode?: number
}

export type BlockingOutcome = { answer: UpstreamAnswer } | { failure: FailureData }

export interface BlockingCall {
  id: number
  url: string
  timeoutMs: number
  /** An injected fault (LAB_FAULTS, tests only). */
  fault?: 'exit' | 'stall'
}

export interface BlockingReply {
  id: number
  outcome: BlockingOutcome
}

/** The shared flag's values: nothing new, an answer was posted, the worker is gone. */
export const WAITING = 0
export const ANSWERED = 1
export const GONE = 2
