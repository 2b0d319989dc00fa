// The phenomenon itself, measured from outside: the server runs in its own process (a client in a
// blocked process would be frozen too) and this process times ten concurrent requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../../load-tests/engine/server-process.js'
import { batchWithHealthProbe } from '../helpers/batch-with-health-probe.js'

const CONCURRENT = 10
const DELAY_MS = 200
const SERIAL_SUM_MS = CONCURRENT * DELAY_MS

let server: ServerProcess
beforeAll(async () => { server = await startServerProcess({ env: { LOG_LEVEL: 'warn' } }) })
afterAll(async () => { await server.stop() })

describe(`${CONCURRENT} concurrent requests of ${DELAY_MS} ms`, () => {
  it('/async/delay: all answered together, in well under the serial sum; /health stays fast', async () => {
    const { answers, ms, health } = await batchWithHealthProbe(server.url, `/async/delay?ms=${DELAY_MS}`, CONCURRENT)
    expect(answers.every((answer) => answer.status === 200)).toBe(true)
    expect(ms).toBeGreaterThanOrEqual(DELAY_MS - 5)
    expect(ms).toBeLessThan(1000)
    expect(health.status).toBe(200)
    expect(health.latencyMs).toBeLessThan(200)
  })

  it('/sync/delay: served one after another, at least the serial sum; /health waits behind them', async () => {
    const { answers, ms, health } = await batchWithHealthProbe(server.url, `/sync/delay?ms=${DELAY_MS}`, CONCURRENT)
    expect(answers.every((answer) => answer.status === 200)).toBe(true)
    expect(ms).toBeGreaterThanOrEqual(SERIAL_SUM_MS - 5)
    expect(health.status).toBe(200)
    expect(health.latencyMs).toBeGreaterThanOrEqual(1000)
  })
})
