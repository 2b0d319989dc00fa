// The phenomenon itself, measured from outside: the server runs in its own process (a client in a
// blocked process would be frozen too) and this process times ten concurrent requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../../load-tests/server-process.js'
import { pause, timed, timedGet, timedGetOnNewConnection } from '../helpers/timing.js'

const CONCURRENT = 10
const DELAY_MS = 200
const SERIAL_SUM_MS = CONCURRENT * DELAY_MS

let server: ServerProcess
beforeAll(async () => { server = await startServerProcess({ env: { LOG_LEVEL: 'warn' } }) })
afterAll(async () => { await server.stop() })

async function batchWithHealthProbe (path: string) {
  // Open the batch's connections first, so all ten requests are queued on the server at once.
  await Promise.all(Array.from({ length: CONCURRENT }, () => timedGet(`${server.url}/health`)))
  const batch = timed(() => Promise.all(Array.from({ length: CONCURRENT }, () => timedGet(`${server.url}${path}`))))
  await pause(50)
  const health = await timedGetOnNewConnection(`${server.url}/health`)
  const { value: answers, ms } = await batch
  return { answers, ms, health }
}

describe(`${CONCURRENT} concurrent requests of ${DELAY_MS} ms`, () => {
  it('/async/delay: all answered together, in well under the serial sum; /health stays fast', async () => {
    const { answers, ms, health } = await batchWithHealthProbe(`/async/delay?ms=${DELAY_MS}`)
    expect(answers.every((answer) => answer.status === 200)).toBe(true)
    expect(ms).toBeGreaterThanOrEqual(DELAY_MS - 5)
    expect(ms).toBeLessThan(1000)
    expect(health.status).toBe(200)
    expect(health.ms).toBeLessThan(200)
  })

  it('/sync/delay: served one after another, at least the serial sum; /health waits behind them', async () => {
    const { answers, ms, health } = await batchWithHealthProbe(`/sync/delay?ms=${DELAY_MS}`)
    expect(answers.every((answer) => answer.status === 200)).toBe(true)
    expect(ms).toBeGreaterThanOrEqual(SERIAL_SUM_MS - 5)
    expect(health.status).toBe(200)
    expect(health.ms).toBeGreaterThanOrEqual(1000)
  })
})
