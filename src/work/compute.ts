// The same CPU work three ways. Each calls the same hash chain (src/work/cpu-hash.ts); they differ
// only in where it runs: in one go on the event loop, in slices that hand the loop back between
// them, or on a worker thread. `ms` becomes a number of rounds with the rate measured at start-up.
import { setImmediate as nextLoopTurn } from 'node:timers/promises'
import { threadId } from 'node:worker_threads'
import { Type, type Static } from '@sinclair/typebox'
import type { Piscina } from 'piscina'
import { hashChain, hashChainInSlices, hexDigest } from './cpu-hash.js'
import { startWork, WorkReportSchema, type WorkTimer } from './report.js'
import type { PoolAnswer } from './compute-worker.js'
import { runOnPool } from './pool-task.js'

export const ComputeReportSchema = Type.Composite([WorkReportSchema, Type.Object({
  rounds: Type.Integer({ description: 'Hash rounds done: ms × the rounds per ms measured at start-up.' }),
  digest: Type.String({ description: 'The last hash, 8 hex digits: the same rounds give the same digest on every route.' }),
  threadId: Type.Integer({ description: 'The thread that hashed: 0 is the main thread (the event loop), others are pool workers.' })
})])

export type ComputeReport = Static<typeof ComputeReportSchema>

/** GET /worker/pool's answer: what the load test's compute scenario computes its bounds from. */
export const PoolInfoSchema = Type.Object({
  poolSize: Type.Integer({ description: 'Worker threads (COMPUTE_POOL_SIZE).' }),
  cores: Type.Integer({ description: 'os.availableParallelism() of the server.' }),
  parallelism: Type.Integer({ description: 'Hashes that really run at once: min(poolSize, cores).' }),
  queued: Type.Integer({ description: 'Tasks waiting for a free worker now.' }),
  roundsPerMs: Type.Integer({ description: 'Hash rounds per ms of one thread, measured at start-up.' })
})

export type PoolInfo = Static<typeof PoolInfoSchema>

/**
 * How long one slice holds the loop. A request that arrives meanwhile (/health) waits for at most one
 * slice per cooperative request in flight; smaller slices would cost more loop turns per request.
 */
export const SLICE_MS = 1

function roundsFor (ms: number, roundsPerMs: number): number {
  return Math.round(ms * roundsPerMs)
}

function report (work: WorkTimer, rounds: number, digest: string, hashedOn: number): ComputeReport {
  return { ...work.finish(), rounds, digest, threadId: hashedOn }
}

/** On the event loop, in one go: nothing else runs until the last round. */
export function computeBlocking (ms: number, roundsPerMs: number): ComputeReport {
  const work = startWork('sync', 'compute', ms)
  const rounds = roundsFor(ms, roundsPerMs)
  return report(work, rounds, hexDigest(hashChain(rounds)), threadId)
}

/**
 * On the event loop, one slice per loop turn: `setImmediate` lets pending IO (other requests,
 * /health) run between slices. The loop stays responsive; the CPU total, and so throughput, is the same.
 */
export async function computeCooperatively (ms: number, roundsPerMs: number, signal?: AbortSignal): Promise<ComputeReport> {
  const work = startWork('cooperative', 'compute', ms)
  const rounds = roundsFor(ms, roundsPerMs)
  const slices = hashChainInSlices(rounds, Math.max(1, Math.floor(roundsPerMs * SLICE_MS)))
  let step = slices.next()
  while (step.done !== true) {
    await nextLoopTurn()
    signal?.throwIfAborted()
    step = slices.next()
  }
  return report(work, rounds, hexDigest(step.value), threadId)
}

/** On a pool worker: the loop only hands the task over and gets the digest back. */
export async function computeOnPool (pool: Piscina, ms: number, roundsPerMs: number, signal?: AbortSignal): Promise<ComputeReport> {
  const work = startWork('worker', 'compute', ms)
  const rounds = roundsFor(ms, roundsPerMs)
  // Retry within about one task's time (this one's).
  const answer = await runOnPool<PoolAnswer>(pool, () => rounds, { signal, retryAfterS: Math.max(1, Math.ceil(ms / 1000)) })
  return report(work, rounds, answer.digest, answer.threadId)
}
