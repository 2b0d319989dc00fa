// Named errors of the compute, fetch, checkbook, laundry and jobs routes (LAB_ERR_*, as fastify's
// FST_ERR_*): clients and tests match on `code`, the message says what happened in words, and the
// error handler turns them into the usual JSON error body.
import createError from '@fastify/error'

/** Adds `Retry-After: seconds` to a refusal: the error handler sends an error's `headers` with it. */
export function withRetryAfter<E extends Error> (error: E, seconds: number): E & { headers: Record<string, string> } {
  return Object.assign(error, { headers: { 'retry-after': String(seconds) } })
}

/** 499 is nginx's "client closed request": the answer has nowhere to go, so no 5xx is logged. */
export const ClientGoneError = createError('LAB_ERR_CLIENT_GONE', 'the client closed the connection before the answer was ready', 499)

/** A compute worker failed during the task (it died, or threw); the pool replaces it. */
export const ComputeWorkerFailedError = createError('LAB_ERR_COMPUTE_WORKER_FAILED', 'the compute worker failed during the task: %s', 500)

export const WorkerQueueFullError = createError('LAB_ERR_WORKER_QUEUE_FULL', 'the worker pool has %s tasks waiting; retry later', 503)

/** A lock's queue of waiters is full (the safe checkbook, the laundry's machines). */
export const LockQueueFullError = createError('LAB_ERR_LOCK_QUEUE_FULL', '%s has %s requests waiting already; retry later', 503)

/** Too many requests of one kind are in flight on a shared resource (libuv's threadpool). */
export const InFlightFullError = createError('LAB_ERR_IN_FLIGHT_FULL', '%s: %s requests in flight already; retry later', 503)

export const InsufficientFundsError = createError('LAB_ERR_INSUFFICIENT_FUNDS', 'insufficient funds: the balance is %s, the withdrawal %s', 409)

export const DeadlockError = createError('LAB_ERR_DEADLOCK', 'deadlock: %s', 409)

export const LockTimeoutError = createError('LAB_ERR_LOCK_TIMEOUT', 'lock wait timed out: %s', 409)

export const JobTableFullError = createError('LAB_ERR_JOB_TABLE_FULL', 'the job table is full (%s jobs); retry later', 503)

export const JobNotFoundError = createError('LAB_ERR_JOB_NOT_FOUND', 'no job %s: it never existed or has expired', 404)

/** The slow upstream did not answer in time (the fetch pair and the examples' downloads). */
export const UpstreamTimeoutError = createError<[string, number]>('LAB_ERR_UPSTREAM_TIMEOUT', 'GET %s did not answer within %d ms', 504)

/**
 * The call ran out of time while this server's own event loop was blocked: the upstream is not to
 * blame (src/upstream-clients/upstream-deadline.ts). Logged as a warning: the lab's demo, not a fault.
 */
export const LoopBlockedError = createError<[string, number, number]>('LAB_ERR_LOOP_BLOCKED',
  'GET %s: its %d ms timeout ran out while this server\'s event loop was blocked for %d ms; the upstream is not to blame', 504)

/** The slow upstream could not be reached, or answered something other than 200. */
export const UpstreamFailedError = createError<[string, string]>('LAB_ERR_UPSTREAM_FAILED', 'GET %s failed: %s', 502)
