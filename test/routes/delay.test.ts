import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, withTestApp } from '../helpers/build-test-app.js'
import { expectWorkReport } from '../helpers/work-report.js'

let app: FastifyInstance
beforeAll(async () => { app = await buildTestApp() })
afterAll(async () => { await app.close() })

describe.each([
  { path: '/sync/delay', mode: 'sync' },
  { path: '/async/delay', mode: 'async' },
  { path: '/async/delay?style=promise&', mode: 'async' },
  { path: '/async/delay?style=callback&', mode: 'async' }
])('$path', ({ path, mode }) => {
  const url = (query: string) => (path.includes('?') ? `${path}${query}` : `${path}?${query}`)

  it('answers with the work it did, the handler time and a Server-Timing header', async () => {
    const body = expectWorkReport(await app.inject(url('ms=30')), { mode, work: 'delay', ms: 30 })
    expect(body.elapsedMs).toBeGreaterThanOrEqual(29)
    expect(body.elapsedMs).toBeLessThan(2000)
    expect(Math.round(body.elapsedMs * 10)).toBe(body.elapsedMs * 10)
  })

  it('waits 100 ms when ms is not given', async () => {
    const body = (await app.inject(url(''))).json()
    expect(body.ms).toBe(100)
    expect(body.elapsedMs).toBeGreaterThanOrEqual(99)
  })

  it.each(['0', '-0', '00'])('accepts ms=%s as 0', async (value) => {
    const response = await app.inject(url(`ms=${value}`))
    expect(response.statusCode).toBe(200)
    expect(response.json().ms).toBe(0)
  })

  // A hostile client's values: each would otherwise slip the bound or reach the handler as NaN.
  it.each([
    '-1', 'abc', '1.5', '', '10001', '99999999999999999999', 'Infinity', '-Infinity', 'NaN', '1e3', '1e400',
    '0x10', '0b11', '%205', '5%20', '+5', '1_000', 'true', 'null', '%00', '%E2%88%9E', '5&ms=6'
  ])('refuses ms=%s with a 400 that names ms and its range', async (value) => {
    const response = await app.inject(url(`ms=${value}`))
    expect(response.statusCode).toBe(400)
    expect(response.headers['content-type']).toMatch(/^application\/json/)
    const body = response.json()
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' })
    expect(body.message).toContain('ms must be an integer from 0 to 10000')
  })
})

describe('the ms bound follows MAX_DELAY_MS', () => {
  it('refuses 51 when MAX_DELAY_MS is 50, and names the configured range', async () => {
    await withTestApp({ MAX_DELAY_MS: 50 }, async (small) => {
      const refused = await small.inject('/sync/delay?ms=51')
      expect(refused.statusCode).toBe(400)
      expect(refused.json().message).toContain('from 0 to 50')
      expect((await small.inject('/sync/delay?ms=50')).statusCode).toBe(200)
    })
  })
})

describe('/async/delay style', () => {
  it.each(['cb', '', 'CALLBACK', 'callback&style=promise'])('refuses style=%s naming the choices', async (value) => {
    const response = await app.inject(`/async/delay?ms=1&style=${value}`)
    expect(response.statusCode).toBe(400)
    expect(response.json().message).toContain('style must be one of promise, callback')
  })
})
