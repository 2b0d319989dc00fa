import { afterAll, beforeAll, expect, it } from 'vitest'
import Fastify, { type FastifyInstance } from 'fastify'
import { readServerStats, readServerWindow, startServerWindow } from '../../../load-tests/engine/server-stats.js'
import { buildTestApp } from '../../helpers/build-test-app.js'

let app: FastifyInstance
let url = ''
beforeAll(async () => {
  app = await buildTestApp()
  url = await app.listen({ port: 0, host: '127.0.0.1' })
})
afterAll(async () => { await app.close() })

it('reads a /stats window: a stall right after the window starts is in it', async () => {
  await startServerWindow(url)
  await app.inject('/sync/delay?ms=200') // the app runs in this process: this blocks its loop
  await new Promise((resolve) => setTimeout(resolve, 30))
  const window = await readServerWindow(url)
  expect(window?.eventLoopDelayMs.max).toBeGreaterThanOrEqual(150)
  expect(window?.windowMs).toBeGreaterThanOrEqual(200)
})

it('reads null, not an error, from a server without /stats', async () => {
  const other = Fastify()
  const otherUrl = await other.listen({ port: 0, host: '127.0.0.1' })
  try {
    expect(await readServerStats(otherUrl)).toBeNull()
    expect(await readServerWindow(otherUrl)).toBeNull()
  } finally {
    await other.close()
  }
})
