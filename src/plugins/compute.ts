// What the compute routes share: how fast this machine hashes (measured once, at start-up, so
// `ms=N` means about N ms of CPU here) and the worker pool, started with the server and destroyed
// when it closes. onClose hooks run after the server has finished its in-flight requests, so a
// graceful shutdown lets running worker tasks answer first.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { availableParallelism } from 'node:os'
import { Piscina } from 'piscina'
import { measureRoundsPerMs } from '../work/cpu-hash.js'
import { workerFile } from '../worker-script.js'

export interface Compute {
  /** Hash rounds per millisecond on one thread of this machine. */
  roundsPerMs: number
  pool: Piscina
  poolSize: number
  /** os.availableParallelism() at start-up: the cores this process may use. */
  cores: number
  /** How many hashes really run at once on the pool: its size, capped by the cores. */
  parallelism: number
}

declare module 'fastify' {
  interface FastifyInstance {
    compute: Compute
  }
}

// A queue bound, so a flood of requests gets 503s instead of an ever-growing backlog; with one
// task per connection it is only reached by over a thousand concurrent connections.
const MAX_QUEUED_TASKS = 1000

// Machine speed does not change between the apps a process builds (tests build many): measured
// once per process, like the blockers' cost models (src/plugins/blockers.ts).
let measuredRoundsPerMs: number | undefined

async function compute (app: FastifyInstance): Promise<void> {
  // Measured before the pool starts its threads, which would compete for the cores meanwhile.
  const roundsPerMs = measuredRoundsPerMs ??= measureRoundsPerMs()
  const poolSize = app.config.COMPUTE_POOL_SIZE
  const pool = new Piscina({
    filename: workerFile(import.meta.url, '../work/compute-worker.js'),
    minThreads: poolSize,
    maxThreads: poolSize,
    maxQueue: MAX_QUEUED_TASKS
  })
  // A worker that dies while idle is reported here, not as an uncaught exception; piscina replaces it
  // (minThreads). One that dies mid-task fails that task instead (src/work/compute.ts).
  pool.on('error', (err: unknown) => { app.log.error({ err }, 'a compute worker failed; the pool replaces it') })
  const cores = availableParallelism()
  app.log.debug({ roundsPerMs, poolSize, cores }, 'compute calibrated')
  app.decorate('compute', { roundsPerMs, pool, poolSize, cores, parallelism: Math.min(poolSize, cores) })
  app.addHook('onClose', async () => { await pool.destroy() })
}

export default fp(compute, { name: 'compute' })
