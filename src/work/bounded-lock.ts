// A mutex with a bounded queue whose waiters can leave. async-mutex's queue has no limit and no way
// for one waiter to give up, so a client that left would still hold its place, and a flood of
// requests would grow the queue without end. Here a full queue refuses at once (503 + Retry-After),
// and a waiter whose signal aborts stops waiting; its place is handed back the moment it comes up.
// Its entry counts against the bound until then, so the bound is the true size of the queue.
import { Mutex, type MutexInterface } from 'async-mutex'
import { LockQueueFullError, withRetryAfter } from '../errors.js'

/**
 * The waiters a lock of the lab keeps: as many as the compute pool's queue (src/plugins/compute.ts),
 * which one request per connection reaches only past a thousand concurrent connections. A waiter is
 * a few hundred bytes; the wait is what grows: at the checkbook's default 20 ms of IO, the last of a
 * full queue waits 20 s, so a client is better told 503 than queued further.
 */
export const MAX_LOCK_WAITERS = 1000

export class BoundedLock {
  readonly #mutex = new Mutex()
  #queued = 0

  constructor (readonly name: string, readonly maxWaiters: number) {}

  /** Requests waiting for the lock now (those that gave up included, until their turn comes). */
  get waiters (): number {
    return this.#queued
  }

  /** Resolves with the release function once the lock is this caller's; rejects if `signal` aborts first. */
  async acquire (signal?: AbortSignal): Promise<MutexInterface.Releaser> {
    signal?.throwIfAborted()
    if (this.#queued >= this.maxWaiters) throw withRetryAfter(new LockQueueFullError(this.name, this.#queued), 1)
    this.#queued++
    const acquiring = this.#mutex.acquire().finally(() => { this.#queued-- })
    if (signal === undefined) return acquiring
    let onAbort = (): void => {}
    const aborted = new Promise<never>((_resolve, reject) => {
      onAbort = () => reject(signal.reason)
      signal.addEventListener('abort', onAbort, { once: true })
    })
    try {
      return await Promise.race([acquiring, aborted])
    } catch (error) {
      acquiring.then((release) => { release() }, () => {})
      throw error
    } finally {
      signal.removeEventListener('abort', onAbort)
    }
  }

  /** Runs `task` holding the lock. */
  async runExclusive<T> (task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal)
    try {
      return await task()
    } finally {
      release()
    }
  }
}
