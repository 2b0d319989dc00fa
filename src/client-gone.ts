// An AbortSignal that fires when the client closes its connection before its answer was sent, so
// work nobody will read (a queued worker task, the next CPU slice, a lock wait) can stop early.
// The response's 'close' is the reliable event: the request's own 'close' fires as soon as its body
// has been read (fastify/fastify#4690); `writableEnded` tells a client abort from a finished answer.
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
