import { availableParallelism } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { DEFAULT_HASH_ITERATIONS, maxHashIterations } from '../../src/work/hash.js'
import { buildTestApp, withTestApp } from '../helpers/build-test-app.js'
import { expectWorkReport } from '../helpers/work-report.js'

let app: FastifyInstance
beforeAll(async () => { app = await buildTestApp() })
afterAll(async () => { await app.close() })

/** Runs `request` while a 5 ms interval ticks, and returns the longest gap between ticks. */
async function longestLoopStall (request: () => Promise<unknown>): Promise<number> {
  let last = performance.now()
  let longest = 0
  const ticker = setInterval(() => {
    const now = performance.now()
    longest = Math.max(longest, now - last)
    last = now
  }, 5)
  await request()
  clearInterval(ticker)
  return Math.max(longest, performance.now() - last)
}

describe.each([
  { path: '/sync/hash', mode: 'sync' },
  { path: '/async/hash', mode: 'async' }
])('$path', ({ path, mode }) => {
  it('answers with the iterations hashed, the threadpool and the cores', async () => {
    expectWorkReport(await app.inject(`${path}?iterations=20000`), {
      mode,
      work: 'hash',
      ms: expect.any(Number),
      iterations: 20000,
      threadpoolSize: app.config.UV_THREADPOOL_SIZE,
      cores: availableParallelism()
    })
  })

  it(`hashes ${DEFAULT_HASH_ITERATIONS} iterations when none are given`, async () => {
    expect((await app.inject(path)).json().iterations).toBe(DEFAULT_HASH_ITERATIONS)
  })

  it.each([
    '0', '-1', 'abc', '1.5', '', String(maxHashIterations(10000) + 1), '99999999999999999999', 'Infinity', '1e5', '1e400', '0x10',
    '+5', '%205', 'true', '5&iterations=6'
  ])('refuses iterations=%s with a 400 that names iterations and its range', async (value) => {
    const response = await app.inject(`${path}?iterations=${value}`)
    expect(response.statusCode).toBe(400)
    expect(response.json().message).toContain(`query parameter iterations must be an integer from 1 to ${maxHashIterations(10000)}`)
  })
})

it('/sync/hash holds the event loop for the whole hash; /async/hash leaves it free', async () => {
  // About 60 ms of hashing on this machine, whatever its speed.
  const iterations = Math.min(maxHashIterations(60), maxHashIterations(10000))
  let syncElapsed = 0
  const syncStall = await longestLoopStall(async () => {
    syncElapsed = (await app.inject(`/sync/hash?iterations=${iterations}`)).json().elapsedMs
  })
  const asyncStall = await longestLoopStall(() => app.inject(`/async/hash?iterations=${iterations}`))
  expect(syncStall).toBeGreaterThanOrEqual(syncElapsed * 0.9)
  expect(asyncStall).toBeLessThan(syncStall / 2)
})

it('the iterations bound follows MAX_DELAY_MS', async () => {
  const maximum = maxHashIterations(20)
  expect(maximum).toBeLessThan(maxHashIterations(10000))
  await withTestApp({ MAX_DELAY_MS: 20 }, async (small) => {
    expect((await small.inject(`/sync/hash?iterations=${maximum + 1}`)).json().message).toContain(`from 1 to ${maximum}`)
    expect((await small.inject('/sync/hash')).json().iterations).toBe(Math.min(DEFAULT_HASH_ITERATIONS, maximum))
  })
})
