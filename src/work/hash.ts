// Real CPU work: PBKDF2 (a deliberately slow password hash), run on the event loop (`pbkdf2Sync`) or
// on libuv's threadpool (`pbkdf2`). Awaiting does not make CPU work cheaper; the async form only moves
// it off the loop, onto UV_THREADPOOL_SIZE threads (4 by default) that the machine's cores must run,
// so at most min(pool size, cores) hashes progress at once.
import { availableParallelism } from 'node:os'
import { pbkdf2, pbkdf2Sync } from 'node:crypto'
import { promisify } from 'node:util'
import { Type, type Static } from '@sinclair/typebox'
import { startWork, WorkReportSchema, type WorkMode, type WorkTimer } from './report.js'

const pbkdf2OnThreadpool = promisify(pbkdf2)
const PASSWORD = 'event-loop-lab'
const SALT = 'a fixed salt: the same work every time'
const KEY_BYTES = 64
const DIGEST = 'sha512'

export const DEFAULT_HASH_ITERATIONS = 100_000

/**
 * /async/hash requests in flight per threadpool thread. libuv's queue has no bound and no cancel, and
 * fs and dns.lookup wait in the same queue, so past this a request gets 503. At the default size
 * (4 threads, 256 in flight) and the default hash (46 ms of CPU on the development machine), the
 * last one waits about 64 × 46 ms ≈ 3 s; a load test's 100 connections stay well inside it.
 */
export const HASHES_IN_FLIGHT_PER_THREAD = 64
const CALIBRATION_ITERATIONS = 5_000

export interface Threadpool {
  /** UV_THREADPOOL_SIZE as libuv reads it. */
  threadpoolSize: number
  /** os.availableParallelism(): the cores this process may use. */
  cores: number
}

export const HashReportSchema = Type.Composite([WorkReportSchema, Type.Object({
  iterations: Type.Integer({ description: 'PBKDF2 iterations hashed (`ms` is the start-up calibration\'s estimate of their CPU time).' }),
  threadpoolSize: Type.Integer({ description: 'UV_THREADPOOL_SIZE: how many threadpool jobs run at once.' }),
  cores: Type.Integer({ description: 'os.availableParallelism(): the cores that run them.' })
})])

export type HashReport = Static<typeof HashReportSchema>

/** Blocking: the hash runs on the event loop; nothing else runs until it is done. */
export function hashBlocking (iterations: number, pool: Threadpool): HashReport {
  const work = startHash('sync', iterations)
  pbkdf2Sync(PASSWORD, SALT, iterations, KEY_BYTES, DIGEST)
  return { ...work.finish(), iterations, ...pool }
}

/** Non-blocking: the same hash on a threadpool thread; the loop serves others meanwhile. */
export async function hashNonBlocking (iterations: number, pool: Threadpool): Promise<HashReport> {
  const work = startHash('async', iterations)
  await pbkdf2OnThreadpool(PASSWORD, SALT, iterations, KEY_BYTES, DIGEST)
  return { ...work.finish(), iterations, ...pool }
}

function startHash (mode: WorkMode, iterations: number): WorkTimer {
  return startWork(mode, 'hash', Math.round(iterations / hashIterationsPerMs()))
}

export function threadpool (threadpoolSize: number): Threadpool {
  return { threadpoolSize, cores: availableParallelism() }
}

let measuredIterationsPerMs: number | undefined

/**
 * How many iterations this machine hashes per millisecond, measured once: the fastest of five short
 * runs after a warm-up (about 25 ms of CPU in all). Other load only ever slows a run down, so the
 * fastest is the closest to the machine's own speed.
 */
export function hashIterationsPerMs (): number {
  if (measuredIterationsPerMs === undefined) {
    pbkdf2Sync(PASSWORD, SALT, CALIBRATION_ITERATIONS, KEY_BYTES, DIGEST)
    const fastest = Math.min(...[1, 2, 3, 4, 5].map(() => {
      const startedAt = performance.now()
      pbkdf2Sync(PASSWORD, SALT, CALIBRATION_ITERATIONS, KEY_BYTES, DIGEST)
      return performance.now() - startedAt
    }))
    measuredIterationsPerMs = CALIBRATION_ITERATIONS / Math.max(fastest, 0.001)
  }
  return measuredIterationsPerMs
}

/**
 * The most iterations one request may ask for: about MAX_DELAY_MS of CPU on this machine, rounded
 * down to two significant digits so the 400 message stays readable. At least 1.
 */
export function maxHashIterations (maxDelayMs: number): number {
  const iterations = Math.floor(maxDelayMs * hashIterationsPerMs())
  if (iterations < 100) return Math.max(1, iterations)
  const step = 10 ** (Math.floor(Math.log10(iterations)) - 1)
  return Math.floor(iterations / step) * step
}
