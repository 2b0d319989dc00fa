import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from '../helpers/build-test-app.js'
import { deadUrl, startTestUpstream, type TestUpstream } from '../helpers/upstream.js'
import { expectWorkReport } from '../helpers/work-report.js'

const ROUTES = [
  { path: '/sync/fetch?', mode: 'sync' },
  { path: '/async/fetch?', mode: 'async' },
  { path: '/async/fetch?style=promise&', mode: 'async' },
  { path: '/async/fetch?style=callback&', mode: 'async' }
]

describe('with the embedded upstream', () => {
  let app: FastifyInstance
  beforeAll(async () => { app = await buildTestApp({}, { embeddedUpstream: true }) })
  afterAll(async () => { await app.close() })

  it('runs the upstream in a worker thread on a loopback port', () => {
    expect(app.upstream).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), embedded: true })
  })

  describe.each(ROUTES)('$path', ({ path, mode }) => {
    it('answers with the work report, the upstream\'s own time and a Server-Timing header', async () => {
      const body = expectWorkReport(await app.inject(`${path}ms=30`), { mode, work: 'fetch', ms: 30, upstreamMs: expect.any(Number) })
      expect(body.upstreamMs).toBeGreaterThanOrEqual(29)
      expect(body.elapsedMs).toBeGreaterThanOrEqual(body.upstreamMs)
    })

    it('waits 100 ms upstream when ms is not given', async () => {
      expect((await app.inject(path)).json().upstreamMs).toBeGreaterThanOrEqual(99)
    })

    it.each([
      '-1', 'abc', '1.5', '', '10001', '99999999999999999999', 'Infinity', 'NaN', '1e3', '1e400', '0x10', '+5', '%205', 'null', '5&ms=6'
    ])('refuses ms=%s with a 400 that names ms and its range', async (value) => {
      const response = await app.inject(`${path}ms=${value}`)
      expect(response.statusCode).toBe(400)
      expect(response.json().message).toContain('ms must be an integer from 0 to 10000')
    })
  })

  it.each(['cb', '', 'CALLBACK', 'callback&style=promise'])('/async/fetch refuses style=%s naming the choices', async (value) => {
    const response = await app.inject(`/async/fetch?ms=1&style=${value}`)
    expect(response.statusCode).toBe(400)
    expect(response.json().message).toContain('style must be one of promise, callback')
  })
})

describe('with UPSTREAM_URL', () => {
  let upstream: TestUpstream
  let app: FastifyInstance
  beforeAll(async () => {
    upstream = await startTestUpstream({ MAX_DELAY_MS: 100 })
    app = await buildTestApp({ UPSTREAM_URL: `${upstream.url}/` })
  })
  afterAll(async () => {
    await app.close()
    await upstream.close()
  })

  it('calls that upstream instead of starting one, one real HTTP request per call', async () => {
    expect(app.upstream).toEqual({ url: upstream.url, embedded: false })
    const before = await upstream.requests()
    for (const { path } of ROUTES) expect((await app.inject(`${path}ms=10`)).statusCode).toBe(200)
    expect(await upstream.requests()).toBe(before + ROUTES.length)
  })

  it.each(ROUTES)('$path answers 502 JSON when the upstream refuses the call', async ({ path }) => {
    // The upstream's own bound (MAX_DELAY_MS=100) is lower than this server's.
    const response = await app.inject(`${path}ms=500`)
    expect(response.statusCode).toBe(502)
    expect(response.json()).toMatchObject({ statusCode: 502, error: 'Bad Gateway' })
  })
})

describe('with an UPSTREAM_URL where nothing listens', () => {
  let app: FastifyInstance
  beforeAll(async () => { app = await buildTestApp({ UPSTREAM_URL: await deadUrl() }) })
  afterAll(async () => { await app.close() })

  it.each(ROUTES)('$path answers 502 JSON, and the server stays up', async ({ path }) => {
    const response = await app.inject(`${path}ms=10`)
    expect(response.statusCode).toBe(502)
    expect(response.json()).toEqual({ statusCode: 502, error: 'Bad Gateway', message: 'Bad Gateway: the details are in the server log.', code: 'LAB_ERR_UPSTREAM_FAILED' })
    expect((await app.inject('/health')).statusCode).toBe(200)
  })
})
