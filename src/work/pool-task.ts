// One task on the shared worker pool (src/plugins/compute.ts), for the compute pair and the json
// blocker alike: a full queue refuses at once (503, Retry-After) before the task is even made; a
// client that leaves aborts its task, with its own reason; a worker that dies mid-task (piscina
// starts another) is a ComputeWorkerFailedError, so the client learns which part failed.
import type { Piscina } from 'piscina'
import { ComputeWorkerFailedError, WorkerQueueFullError, withRetryAfter } from '../errors.js'

export interface PoolTaskOptions {
  /** The worker module, when not the pool's own. */
  filename?: string
  signal?: AbortSignal
  /** When a refused client may try again: a queue slot frees as soon as a worker finishes a task. */
  retryAfterS: number
}

export async function runOnPool<T> (pool: Piscina, makeTask: () => unknown, options: PoolTaskOptions): Promise<T> {
  if (pool.queueSize >= pool.options.maxQueue) throw withRetryAfter(new WorkerQueueFullError(pool.queueSize), options.retryAfterS)
  const task = makeTask()
  try {
    return await pool.run(task, { filename: options.filename ?? null, signal: options.signal ?? null }) as T
  } catch (error) {
    // piscina rejects an aborted task with its own AbortError; the client leaving is the real reason.
    options.signal?.throwIfAborted()
    throw new ComputeWorkerFailedError((error as Error).message)
  }
}
