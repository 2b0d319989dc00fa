// A compute worker that dies mid-task: that request gets a JSON 5xx naming the fault, the pool starts
// a new worker, and the next request succeeds. The worker is killed for real (Worker#terminate), not
// simulated; the pool is the app's own, so this runs in-process.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from '../helpers/build-test-app.js'
import { pause, timed } from '../helpers/timing.js'

let app: FastifyInstance
beforeAll(async () => { app = await buildTestApp({ COMPUTE_POOL_SIZE: 1 }) })
afterAll(async () => { await app.close() })

it('a worker killed during its task: that request gets a 500 with LAB_ERR_COMPUTE_WORKER_FAILED; the next one a 200', async () => {
  const answer = app.inject('/worker/compute?ms=5000')
  await pause(300)
  const [worker] = app.compute.pool.threads
  expect(worker).toBeDefined()
  await worker?.terminate()
  const failed = await answer
  expect(failed.statusCode).toBe(500)
  expect(failed.headers['content-type']).toMatch(/^application\/json/)
  expect(failed.json()).toMatchObject({ statusCode: 500, code: 'LAB_ERR_COMPUTE_WORKER_FAILED' })

  const { value: next, ms } = await timed(async () => app.inject('/worker/compute?ms=10'))
  expect(next.statusCode).toBe(200)
  expect(next.json().threadId).not.toBe(worker?.threadId)
  // Recovery is a new thread's start-up, well under a second (a wide bound for a noisy machine).
  expect(ms).toBeLessThan(2000)
})

it('an error the pool reports outside any task is handled, not an uncaught exception', async () => {
  // What piscina emits when an idle worker dies: without a listener, the process would crash.
  expect(app.compute.pool.listenerCount('error')).toBeGreaterThan(0)
  app.compute.pool.emit('error', new Error('an idle worker died'))
  expect((await app.inject('/worker/compute?ms=1')).statusCode).toBe(200)
})
