import { afterAll, beforeAll, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from '../helpers/build-test-app.js'

let app: FastifyInstance
beforeAll(async () => { app = await buildTestApp() })
afterAll(async () => { await app.close() })

it('GET /health answers ok with the process uptime', async () => {
  const response = await app.inject('/health')
  expect(response.statusCode).toBe(200)
  const body = response.json()
  expect(body.status).toBe('ok')
  expect(body.uptimeS).toBeGreaterThan(0)
  expect(body.uptimeS).toBeCloseTo(process.uptime(), 0)
})
