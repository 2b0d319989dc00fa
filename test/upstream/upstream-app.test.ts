import { afterAll, beforeAll, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildUpstreamApp, UPSTREAM_MAX_BYTES } from '../../src/upstream/upstream-app.js'
import { expectWorkReport } from '../helpers/work-report.js'

let app: FastifyInstance
beforeAll(async () => { app = await buildUpstreamApp({ LOG_LEVEL: 'silent', MAX_DELAY_MS: 10000 }) })
afterAll(async () => { await app.close() })

it('GET /upstream/delay answers after ms with its report and its time in Server-Timing', async () => {
  const body = expectWorkReport(await app.inject('/upstream/delay?ms=30'), { mode: 'async', work: 'delay', ms: 30 })
  expect(body.elapsedMs).toBeGreaterThanOrEqual(29)
})

it.each([0, 1, 1000, UPSTREAM_MAX_BYTES])('bytes=%i: a body of exactly that many bytes', async (bytes) => {
  const response = await app.inject(`/upstream/delay?ms=1&bytes=${bytes}`)
  expect(response.statusCode).toBe(200)
  expect(response.headers['content-type']).toBe('application/octet-stream')
  expect(response.rawPayload.length).toBe(bytes)
  expect(response.headers['server-timing']).toMatch(/^work;dur=\d/)
})

it.each(['-1', 'abc', '1.5', '', '10001', 'Infinity', '1e3', '0x10'])('refuses ms=%s naming ms and its range', async (value) => {
  const response = await app.inject(`/upstream/delay?ms=${value}`)
  expect(response.statusCode).toBe(400)
  expect(response.json().message).toContain('query parameter ms must be an integer from 0 to 10000')
})

it.each(['-1', String(UPSTREAM_MAX_BYTES + 1), 'abc', '1e6', 'Infinity', '2.5', '', '1&bytes=2'])('refuses bytes=%s naming bytes and its range', async (value) => {
  const response = await app.inject(`/upstream/delay?ms=1&bytes=${value}`)
  expect(response.statusCode).toBe(400)
  expect(response.json().message).toContain(`query parameter bytes must be an integer from 0 to ${UPSTREAM_MAX_BYTES}`)
})

it('GET /upstream/stats counts the /upstream/delay requests it has answered', async () => {
  const before = (await app.inject('/upstream/stats')).json().requests
  await app.inject('/upstream/delay?ms=0')
  await app.inject('/upstream/delay?ms=0')
  await app.inject('/health')
  expect((await app.inject('/upstream/stats')).json()).toEqual({ requests: before + 2 })
})

it('GET / lists its routes; an unknown route is a 404 JSON error', async () => {
  const index = (await app.inject('/')).json()
  expect(index.routes.map((route: { path: string }) => route.path)).toEqual(expect.arrayContaining(['/upstream/delay', '/upstream/stats', '/health']))
  const missing = await app.inject('/sync/delay')
  expect(missing.statusCode).toBe(404)
  expect(missing.json().statusCode).toBe(404)
})
