// A truly blocking HTTP client, like Python's `requests.get`: the calling thread stops until the
// answer is there. JavaScript has no synchronous socket API, so a worker thread makes the request and
// the caller sleeps in Atomics.wait until the worker posts the outcome. While it sleeps, its event
// loop runs nothing: no other request, no timer, not /health — and no server of its own, which is
// why the upstream must live on another thread or process.
//
// The sleep is bounded: a worker that stalls or dies would otherwise freeze the server for good,
// deaf even to SIGTERM. The caller gives the worker its HTTP timeout plus WORKER_GRACE_MS, then
// gives up on it (504), terminates it and starts a fresh one at the next call; a worker that exits
// wakes the caller at once (502). Written here rather than with synckit, whose worker, once failed
// or stalled, stays the one every later call waits on, with no way to replace it.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads'
import { UpstreamFailedError, UpstreamTimeoutError } from '../errors.js'
import { fireOnce } from '../faults.js'
import { workerFile } from '../worker-script.js'
import type { UpstreamAnswer } from './upstream-client.js'
import { GONE, WAITING, type BlockingCall, type BlockingOutcome, type BlockingReply } from './blocking-protocol.js'

/** How much longer than the worker's own HTTP timeout the caller sleeps before it gives the worker up. */
const WORKER_GRACE_MS = 1000

class BlockingWorker {
  readonly #flag = new Int32Array(new SharedArrayBuffer(4))
  readonly #port: MessagePort
  readonly #worker: Worker
  #nextId = 1
  #alive = true

  constructor () {
    const { port1, port2 } = new MessageChannel()
    this.#port = port1
    this.#worker = new Worker(workerFile(import.meta.url, './blocking-client-worker.js'), {
      workerData: { port: port2, flag: this.#flag },
      transferList: [port2]
    })
    // This client owns its worker's errors: a crash marks it dead, and the next call starts another.
    this.#worker.on('error', () => { this.#alive = false })
    this.#worker.once('exit', () => { this.#alive = false })
    // Neither keeps the process alive: the worker only works while a caller sleeps on it.
    this.#worker.unref()
    this.#port.unref()
  }

  get alive (): boolean {
    return this.#alive
  }

  /** The outcome, or why there is none: the worker is gone, or did not answer by the deadline. */
  call (url: string, timeoutMs: number): BlockingOutcome | 'gone' | 'timed out' {
    const id = this.#nextId++
    const fault = injectedFault(url)
    Atomics.store(this.#flag, 0, WAITING)
    this.#port.postMessage({ id, url, timeoutMs, ...(fault === undefined ? {} : { fault }) } satisfies BlockingCall)
    const deadline = performance.now() + timeoutMs + WORKER_GRACE_MS
    for (;;) {
      // Answers to earlier calls that timed out may still be queued: skip them.
      for (let received = receiveMessageOnPort(this.#port); received !== undefined; received = receiveMessageOnPort(this.#port)) {
        const reply = received.message as BlockingReply
        if (reply.id === id) return reply.outcome
      }
      if (Atomics.load(this.#flag, 0) === GONE) return this.#giveUp('gone')
      const remaining = deadline - performance.now()
      if (remaining <= 0) return this.#giveUp('timed out')
      Atomics.wait(this.#flag, 0, WAITING, remaining)
      if (Atomics.load(this.#flag, 0) !== GONE) Atomics.store(this.#flag, 0, WAITING)
    }
  }

  #giveUp<Reason> (reason: Reason): Reason {
    this.#alive = false
    this.#worker.terminate().catch(() => {})
    return reason
  }
}

/** An injected fault (LAB_FAULTS) for this call: only real requests, never the start-up warm-up. */
function injectedFault (url: string): BlockingCall['fault'] {
  if (!url.includes('/upstream/delay')) return undefined
  if (fireOnce('blocking-client-exit')) return 'exit'
  if (fireOnce('blocking-client-stall')) return 'stall'
  return undefined
}

let worker: BlockingWorker | undefined

export function getUpstreamBlocking (url: string, timeoutMs: number): UpstreamAnswer {
  if (worker?.alive !== true) worker = new BlockingWorker()
  const outcome = worker.call(url, timeoutMs)
  if (outcome === 'gone') throw new UpstreamFailedError(url, 'the blocking client\'s worker exited; a new one serves the next call')
  if (outcome === 'timed out') throw new UpstreamTimeoutError(url, timeoutMs + WORKER_GRACE_MS)
  if ('answer' in outcome) return outcome.answer
  throw Object.assign(new Error(outcome.failure.message), outcome.failure)
}
