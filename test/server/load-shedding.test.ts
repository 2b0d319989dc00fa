// Load shedding, seen from a client in another process: a burst of blocking requests against a server
// started with SHED_LOAD=true gets some answers and, for the rest, an immediate 503 with Retry-After;
// the liveness probe and the observability routes are never shed.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../../load-tests/engine/server-process.js'
import { pause, timed } from '../helpers/timing.js'

const BURST = 8
const BLOCK_MS = 100

let server: ServerProcess
beforeAll(async () => {
  server = await startServerProcess({ env: { SHED_LOAD: 'true', MAX_EVENT_LOOP_DELAY_MS: '20', LOG_LEVEL: 'warn' } })
  // Start-up work (loading modules, compiling schemas) is loop delay too: the first pressure sample
  // after boot can say "overloaded". Two more samples (100 ms each) of an idle loop clear it.
  await pause(300)
})
afterAll(async () => { await server.stop() })

async function get (path: string) {
  const { value, ms } = await timed(async () => {
    const response = await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(10_000) })
    return { status: response.status, headers: response.headers, body: await response.json() as Record<string, unknown> }
  })
  return { ...value, ms }
}

it(`a burst of ${BURST} blocking requests: some served, the rest shed at once with 503 + Retry-After`, async () => {
  const burst = Promise.all(Array.from({ length: BURST }, () => get(`/sync/delay?ms=${BLOCK_MS}`)))
  await pause(30)
  const [health, metrics, stats] = await Promise.all([get('/health'), fetch(`${server.url}/metrics`), get('/stats')])
  const answers = await burst

  const served = answers.filter((answer) => answer.status === 200)
  const shed = answers.filter((answer) => answer.status === 503)
  expect(served.length + shed.length).toBe(BURST)
  expect(served.length).toBeGreaterThanOrEqual(1)
  expect(shed.length).toBeGreaterThanOrEqual(1)
  for (const answer of shed) {
    expect(answer.headers.get('retry-after')).toBe('1')
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
    expect(answer.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: expect.stringMatching(/^Server overloaded \(.+\): request shed, retry after 1 s\.$/),
      code: 'FST_UNDER_PRESSURE'
    })
  }
  // Without shedding the last of the burst would wait for all the others: BURST × BLOCK_MS.
  expect(Math.max(...served.map((answer) => answer.ms))).toBeLessThan(BURST * BLOCK_MS)

  expect(health.status).toBe(200)
  expect(metrics.status).toBe(200)
  expect(stats.status).toBe(200)
  expect(server.logs.filter((line) => Number(line.level) >= 50)).toEqual([])
})

it('once the burst is over, the same route is served again', async () => {
  await pause(300) // a few under-pressure samples of an idle loop
  expect((await get(`/sync/delay?ms=${BLOCK_MS}`)).status).toBe(200)
})
