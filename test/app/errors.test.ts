import { afterAll, beforeAll, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, withTestApp } from '../helpers/build-test-app.js'

let app: FastifyInstance
beforeAll(async () => { app = await buildTestApp() })
afterAll(async () => { await app.close() })

it('an unknown route gets a 404 JSON error that points at the index', async () => {
  const response = await app.inject('/nope')
  expect(response.statusCode).toBe(404)
  expect(response.json()).toEqual({
    statusCode: 404,
    error: 'Not Found',
    message: expect.stringContaining('GET / lists every route')
  })
})

it('a wrong method on a known path is a 404 JSON error, not a crash', async () => {
  const response = await app.inject({ method: 'DELETE', url: '/sync/delay' })
  expect(response.statusCode).toBe(404)
  expect(response.json().statusCode).toBe(404)
})

it('after a burst of bad requests the server still answers /health', async () => {
  for (const query of ['ms=-1', 'ms=abc', 'ms=Infinity', 'ms=', `ms=${'9'.repeat(5000)}`]) {
    expect((await app.inject(`/sync/delay?${query}`)).statusCode).toBe(400)
  }
  expect((await app.inject('/health')).statusCode).toBe(200)
})

it('a long bad value is cut short in the message', async () => {
  const response = await app.inject(`/sync/delay?ms=${'x'.repeat(5000)}`)
  expect(response.statusCode).toBe(400)
  expect(response.json().message.length).toBeLessThan(150)
})

it('a request id comes back when the caller sent one: a safe one kept, an unsafe one replaced', async () => {
  const kept = await app.inject({ url: '/health', headers: { 'x-request-id': 'trace-42' } })
  expect(kept.headers['x-request-id']).toBe('trace-42')
  const replaced = await app.inject({ url: '/health', headers: { 'x-request-id': 'bad id\u0007' } })
  // A counter behind a per-process prefix: cheap, and unique across the processes of a cluster.
  expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/)
  const next = await app.inject({ url: '/health', headers: { 'x-request-id': '' } })
  expect(next.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/)
  expect(next.headers['x-request-id']).not.toBe(replaced.headers['x-request-id'])
  expect(String(next.headers['x-request-id']).split('-')[0]).toBe(String(replaced.headers['x-request-id']).split('-')[0])
})

it('with no id sent, a fast success carries none (no line to find it in); an error and a slow answer do', async () => {
  const fast = await app.inject('/health')
  expect(fast.statusCode).toBe(200)
  expect(fast.headers['x-request-id']).toBeUndefined()
  for (const url of ['/nope', '/sync/delay?ms=-1']) {
    const error = await app.inject(url)
    expect(error.statusCode).toBeGreaterThanOrEqual(400)
    expect(error.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/)
  }
  await withTestApp({ SLOW_REQUEST_MS: 100, STALL_WARN_MS: 0 }, async (slowLogged) => {
    const quick = await slowLogged.inject('/async/delay?ms=10')
    expect(quick.headers['x-request-id']).toBeUndefined()
    const slow = await slowLogged.inject('/async/delay?ms=120')
    expect(slow.statusCode).toBe(200)
    expect(slow.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/)
  })
})

it('at LOG_LEVEL=debug, where every request has its lines, every answer carries its id', async () => {
  await withTestApp({ LOG_LEVEL: 'debug' }, async (debug) => {
    const response = await debug.inject('/health')
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/)
  })
})

it('REQUEST_IDS=false: no x-request-id read or sent', async () => {
  await withTestApp({ REQUEST_IDS: false }, async (plain) => {
    const response = await plain.inject({ url: '/health', headers: { 'x-request-id': 'trace-42' } })
    expect(response.statusCode).toBe(200)
    expect(response.headers['x-request-id']).toBeUndefined()
  })
})
