import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Piscina } from 'piscina'
import { computeBlocking, computeCooperatively, computeOnPool, SLICE_MS } from '../../src/work/compute.js'
import { measureRoundsPerMs } from '../../src/work/cpu-hash.js'
import { workerFile } from '../../src/worker-script.js'
import { ClientGoneError } from '../../src/errors.js'

const WORKER = workerFile(import.meta.url, '../../src/work/compute-worker.js')
let roundsPerMs: number
let pool: Piscina
beforeAll(() => {
  roundsPerMs = measureRoundsPerMs()
  pool = new Piscina({ filename: WORKER, minThreads: 1, maxThreads: 1 })
})
afterAll(async () => { await pool.destroy() })

/** Counts event-loop turns: a setImmediate that re-arms itself runs once per turn. */
function loopTurnCounter () {
  let turns = 0
  let running = true
  const turn = (): void => {
    if (!running) return
    turns++
    setImmediate(turn)
  }
  setImmediate(turn)
  return { stop: () => { running = false; return { turns } } }
}

describe('the same work, three places', () => {
  it('hashes the same rounds to the same digest; only the mode and the thread differ', async () => {
    const sync = computeBlocking(20, roundsPerMs)
    const cooperative = await computeCooperatively(20, roundsPerMs)
    const worker = await computeOnPool(pool, 20, roundsPerMs)
    expect(sync).toMatchObject({ mode: 'sync', work: 'compute', ms: 20, threadId: 0 })
    expect(cooperative).toMatchObject({ mode: 'cooperative', work: 'compute', ms: 20, threadId: 0 })
    expect(worker).toMatchObject({ mode: 'worker', work: 'compute', ms: 20 })
    expect(worker.threadId).toBeGreaterThan(0)
    expect(sync.rounds).toBe(Math.round(20 * roundsPerMs))
    expect(new Set([sync, cooperative, worker].map((report) => `${report.rounds}:${report.digest}`)).size).toBe(1)
  })
})

describe('where the loop can turn', () => {
  it('sync: not once until the work is done', () => {
    const counter = loopTurnCounter()
    computeBlocking(50, roundsPerMs)
    expect(counter.stop().turns).toBe(0)
  })

  it(`cooperative: between slices of about ${SLICE_MS} ms`, async () => {
    const counter = loopTurnCounter()
    const report = await computeCooperatively(60, roundsPerMs)
    const { turns } = counter.stop()
    // Counted in slices, not in ms, so that other processes slowing this one cannot fail it: the
    // loop turns once per slice (the counter's setImmediate runs between two slices' ones).
    const slices = Math.ceil(report.rounds / Math.floor(roundsPerMs * SLICE_MS))
    expect(slices).toBeGreaterThanOrEqual(50)
    expect(turns).toBeGreaterThanOrEqual(slices - 2)
  })

  it('worker: all along, the main thread only waits for the answer', async () => {
    const counter = loopTurnCounter()
    await computeOnPool(pool, 60, roundsPerMs)
    expect(counter.stop().turns).toBeGreaterThanOrEqual(20)
  })
})

describe('when the client has gone', () => {
  it('cooperative: stops at the next slice with the client-gone error', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(new ClientGoneError()), 20)
    const started = performance.now()
    await expect(computeCooperatively(2000, roundsPerMs, controller.signal)).rejects.toMatchObject({ code: 'LAB_ERR_CLIENT_GONE', statusCode: 499 })
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('worker: the task is dropped with the client-gone error', async () => {
    const signal = AbortSignal.abort(new ClientGoneError())
    await expect(computeOnPool(pool, 2000, roundsPerMs, signal)).rejects.toMatchObject({ code: 'LAB_ERR_CLIENT_GONE' })
  })
})

it('a full worker queue answers 503 instead of queueing without end', async () => {
  const small = new Piscina({ filename: WORKER, minThreads: 1, maxThreads: 1, maxQueue: 1 })
  try {
    const running = computeOnPool(small, 100, roundsPerMs)
    const queued = computeOnPool(small, 100, roundsPerMs)
    await expect(computeOnPool(small, 100, roundsPerMs)).rejects.toMatchObject({ code: 'LAB_ERR_WORKER_QUEUE_FULL', statusCode: 503, headers: { 'retry-after': '1' } })
    await Promise.all([running, queued])
  } finally {
    await small.destroy()
  }
})
