import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from '../helpers/build-test-app.js'
import { badNumberBodies, badShapeBodies, expectRefused, postJson } from '../helpers/json-bodies.js'
import { pause } from '../helpers/timing.js'
import { requestAndHangUp } from '../helpers/hang-up.js'

let app: FastifyInstance
let baseUrl: string
beforeAll(async () => {
  app = await buildTestApp()
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
})
afterAll(async () => { await app.close() })

const run = async (order: string, holdMs: number, lockTimeoutMs: number) => postJson(app, '/laundry/run', { order, holdMs, lockTimeoutMs })

it('washer-first and dryer-first at once: a deadlock, broken by the lock timeout with a 409 that names the cycle', async () => {
  const answers = await Promise.all([run('washer-first', 50, 300), run('dryer-first', 50, 300)])
  const deadlocks = answers.filter((answer) => answer.statusCode === 409).map((answer) => answer.json())
  expect(deadlocks.length).toBeGreaterThanOrEqual(1)
  expect(deadlocks[0]).toMatchObject({ statusCode: 409, error: 'Conflict', code: 'LAB_ERR_DEADLOCK' })
  expect(deadlocks[0].message).toMatch(
    /^deadlock: this request holds (washer|dryer) and waits for (dryer|washer), held by a request \(.+\) waiting for \1$/)
  // The run that gave up released its machine, so the other one (if it did not time out in the
  // same instant) got it and finished.
  for (const answer of answers.filter((answer) => answer.statusCode !== 409)) {
    expect(answer.statusCode).toBe(200)
  }
})

it('ordered twice at once: no deadlock, both finish, the second waits for the washer', async () => {
  const answers = await Promise.all([run('ordered', 50, 1000), run('ordered', 50, 1000)])
  expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200])
  const [first, second] = answers.map((answer) => answer.json())
  expect(first).toMatchObject({ order: 'ordered', machines: ['washer', 'dryer'], holdMs: 50 })
  expect(second.waitedMs.washer).toBeGreaterThanOrEqual(40)
  expect(second.elapsedMs).toBeGreaterThanOrEqual(first.elapsedMs)
})

it('a wait that times out without a cycle is a lock timeout, not a deadlock', async () => {
  const [, late] = await Promise.all([run('ordered', 200, 1000), pause(10).then(() => run('ordered', 50, 50))])
  expect(late.statusCode).toBe(409)
  expect(late.json()).toMatchObject({ code: 'LAB_ERR_LOCK_TIMEOUT' })
  expect(late.json().message).toMatch(/^lock wait timed out: this request waits for washer, held by a request \(.+\) running its washer load; no cycle$/)
})

it('after a deadlock both machines are free again', async () => {
  await Promise.all([run('washer-first', 20, 100), run('dryer-first', 20, 100)])
  const next = await run('dryer-first', 0, 100)
  expect(next.statusCode).toBe(200)
  expect(next.json().waitedMs.dryer).toBeLessThan(50)
})

describe('a client that leaves releases its machines', () => {
  it('while holding the washer: the next run gets it without waiting out the first one\'s load', async () => {
    await requestAndHangUp(`${baseUrl}/laundry/run`, 100, { order: 'ordered', holdMs: 3000, lockTimeoutMs: 1000 })
    await pause(50)
    const next = await run('ordered', 0, 2000)
    expect(next.statusCode).toBe(200)
    expect(next.json().waitedMs.washer).toBeLessThan(500)
  })

  it('while waiting: its place in the queue does not hold the machine afterwards', async () => {
    const holder = run('ordered', 300, 1000)
    await pause(20)
    await requestAndHangUp(`${baseUrl}/laundry/run`, 100, { order: 'ordered', holdMs: 3000, lockTimeoutMs: 5000 })
    expect((await holder).statusCode).toBe(200)
    const next = await run('ordered', 0, 2000)
    expect(next.statusCode).toBe(200)
    expect(next.json().waitedMs.washer).toBeLessThan(500)
  })
})

describe('/laundry/run refuses a hostile body', () => {
  const valid = { order: 'ordered', holdMs: 10, lockTimeoutMs: 100 }
  it.each([...badNumberBodies(valid, 'holdMs'), ...badNumberBodies(valid, 'lockTimeoutMs'), ...badShapeBodies(valid)])('$name: $status JSON', async (body) => { await expectRefused(app, '/laundry/run', body) })

  it.each([
    [{ holdMs: 10 }, 'body field order is required'],
    [{ order: 'sideways' }, 'body field order must be one of washer-first, dryer-first, ordered (got "sideways")'],
    [{ order: ['ordered'] }, 'body field order must be one of washer-first, dryer-first, ordered (got ["ordered"])'],
    [{ order: 'ordered', lockTimeoutMs: 0 }, 'body field lockTimeoutMs must be an integer from 1 to 10000 (got 0)']
  ])('%j: 400 "%s"', async (body, message) => {
    const response = await postJson(app, '/laundry/run', body)
    expect(response.statusCode).toBe(400)
    expect(response.json().message).toBe(message)
  })
})
