// An AbortSignal that fires when the client closes its connection before its answer was sent, so
// work nobody will read (a queued worker task, the next CPU slice, a lock wait) can stop early.
// The response's 'close' is the reliable event: the request's own 'close' fires as soon as its body
// has been read (fastify/fastify#4690); `writableEnded` tells a client abort from a finished answer.
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyReply } from 'fastify'
import { ClientGoneError } from './errors.js'

export function clientGoneSignal (reply: FastifyReply): AbortSignal {
  const controller = new AbortController()
  const response = reply.raw
  const onClose = (): void => {
    if (!response.writableEnded) controller.abort(new ClientGoneError())
  }
  if (response.destroyed) onClose()
  else response.once('close', onClose)
  return controller.signal
}

/** Sleeps `ms`, or less if `signal` aborts first: then it throws the signal's reason (why it aborted). */
export async function sleepUnlessAborted (ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal })
  } catch (error) {
    // timers/promises rejects with a generic AbortError; the signal's reason says why.
    signal?.throwIfAborted()
    throw error
  }
}
