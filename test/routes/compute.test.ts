import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { availableParallelism } from 'node:os'
import { buildTestApp, withTestApp } from '../helpers/build-test-app.js'
import { expectWorkReport } from '../helpers/work-report.js'

let app: FastifyInstance
beforeAll(async () => { app = await buildTestApp() })
afterAll(async () => { await app.close() })

const ROUTES = [
  { path: '/sync/compute', mode: 'sync' },
  { path: '/cooperative/compute', mode: 'cooperative' },
  { path: '/worker/compute', mode: 'worker' }
]

describe.each(ROUTES)('$path', ({ path, mode }) => {
  it('answers with the work it did, where it ran, and a Server-Timing header', async () => {
    const body = expectWorkReport(await app.inject(`${path}?ms=30`), {
      mode,
      work: 'compute',
      ms: 30,
      rounds: Math.round(30 * app.compute.roundsPerMs),
      digest: expect.stringMatching(/^[0-9a-f]{8}$/),
      threadId: expect.any(Number)
    })
    expect(body.threadId === 0).toBe(mode !== 'worker')
    // Wide margins: the rate is calibrated on this machine, but other processes share its cores.
    expect(body.elapsedMs).toBeGreaterThan(10)
    expect(body.elapsedMs).toBeLessThan(3000)
  })

  it.each(['-1', 'abc', '1.5', '10001', 'Infinity', '1e400', '0x10', '5&ms=6'])('refuses ms=%s with a 400 naming ms', async (value) => {
    const response = await app.inject(`${path}?ms=${value}`)
    expect(response.statusCode).toBe(400)
    expect(response.json().message).toContain('ms must be an integer from 0 to 10000')
  })
})

it('all three hash the same rounds to the same digest', async () => {
  const answers = await Promise.all(ROUTES.map(async ({ path }) => (await app.inject(`${path}?ms=10`)).json()))
  expect(new Set(answers.map((answer) => `${answer.rounds}:${answer.digest}`)).size).toBe(1)
})

it('GET /worker/pool tells the pool size, the cores, the parallelism and the hash rate', async () => {
  const response = await app.inject('/worker/pool')
  expect(response.statusCode).toBe(200)
  expect(response.json()).toEqual({
    poolSize: app.config.COMPUTE_POOL_SIZE,
    cores: availableParallelism(),
    parallelism: Math.min(app.config.COMPUTE_POOL_SIZE, availableParallelism()),
    queued: 0,
    roundsPerMs: Math.round(app.compute.roundsPerMs)
  })
})

it('the worker pool has COMPUTE_POOL_SIZE threads, its bound is capped by the cores, and it is gone after close', async () => {
  const closedPool = await withTestApp({ COMPUTE_POOL_SIZE: 1 }, async (small) => {
    const { pool, poolSize, parallelism } = small.compute
    expect(pool.threads).toHaveLength(1)
    expect({ poolSize, parallelism }).toEqual({ poolSize: 1, parallelism: 1 })
    return pool
  })
  expect(closedPool.threads).toHaveLength(0)
  expect(app.compute.parallelism).toBe(Math.min(app.compute.poolSize, availableParallelism()))
})
