// An AbortSignal that fires when the client closes its connection before its answer was sent, so
// work nobody will read (a queued worker task, the next CPU slice, a lock wait) can stop early.
// The response's 'close' is the reliable event: the request's own 'close' fires as soon as its body
// has been read (fastify/fastify#4690); `writableEnded` tells a client abort from a finished answer.
import type { FastifyReply } from 'fastify'
import { ClientGoneError } from './errors.js'

/**
 * Registers what to do if the client goes: `cancel` is called with a ClientGoneError when the client
 * closes its connection before its answer was sent. Made per request, once, for the work to call.
 */
export type OnClientGone = (cancel: (reason: Error) => void) => void

/**
 * The cheap form, for the hottest routes: one listener on the response, no AbortController. A
 * controller per request (an EventTarget, its listeners, timers/promises' abort plumbing) was a fifth
 * of the server's CPU in garbage collection at 1000 connections on /async/delay?ms=50.
 */
export function onClientGone (reply: FastifyReply): OnClientGone {
  const response = reply.raw
  return (cancel) => {
    const onClose = (): void => {
      if (!response.writableEnded) cancel(new ClientGoneError())
    }
    if (response.destroyed) onClose()
    // `on`, not `once`: a response closes only once, and `once` would wrap the listener in a new
    // function and take it off again as it fires, on every request of the hottest route.
    else response.on('close', onClose)
  }
}

/** The AbortSignal form, for work that hands a signal on (fetch, worker pools, fs, lock waits). */
export function clientGoneSignal (reply: FastifyReply): AbortSignal {
  const controller = new AbortController()
  onClientGone(reply)((reason) => { controller.abort(reason) })
  return controller.signal
}

/**
 * Waits `ms` on a timer, then calls `done`; if the client goes first, clears the timer and calls
 * `gone` with the reason instead. `ms` 0 yields to the loop once (setImmediate), like asyncio.sleep(0),
 * rather than a timer, which Node would round up to 1 ms and run only in the next timers phase.
 */
export function waitUnlessGone (ms: number, done: () => void, gone: (reason: Error) => void, onGone?: OnClientGone): void {
  if (ms === 0) {
    const pending = setImmediate(done)
    onGone?.((reason) => { clearImmediate(pending); gone(reason) })
    return
  }
  const pending = setTimeout(done, ms)
  onGone?.((reason) => { clearTimeout(pending); gone(reason) })
}

/** `waitUnlessGone` as a promise: resolves after `ms`, or rejects with the reason the client went. */
export function sleepUnlessGone (ms: number, onGone?: OnClientGone): Promise<void> {
  return new Promise((resolve, reject) => { waitUnlessGone(ms, resolve, reject, onGone) })
}

/** An AbortSignal as an OnClientGone: its abort cancels, with the signal's reason. */
export function onAbort (signal: AbortSignal): OnClientGone {
  return (cancel) => {
    if (signal.aborted) cancel(signal.reason as Error)
    else signal.addEventListener('abort', () => { cancel(signal.reason as Error) }, { once: true })
  }
}

/** Sleeps `ms`, or less if `signal` aborts first: then it throws the signal's reason (why it aborted). */
export async function sleepUnlessAborted (ms: number, signal?: AbortSignal): Promise<void> {
  await sleepUnlessGone(ms, signal === undefined ? undefined : onAbort(signal))
}
