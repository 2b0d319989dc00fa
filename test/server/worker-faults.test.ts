// The lab's own workers fail, injected with LAB_FAULTS (src/faults.ts), against the built server in
// its own process: each fault gets a JSON 502/504 in bounded time, never a hang or an exit, and the
// server recovers by itself.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../../load-tests/engine/server-process.js'
import { pause, timed } from '../helpers/timing.js'

let server: ServerProcess
beforeAll(async () => {
  server = await startServerProcess({ env: { LOG_LEVEL: 'info', LAB_FAULTS: 'blocking-client-exit,blocking-client-stall,upstream-exit' } })
})
afterAll(async () => { await server.stop() })

const MS = 100
/** The blocking client's bound: the upstream call's own timeout (ms + 5 s) plus the worker's grace (1 s). */
const BLOCKING_BOUND_MS = MS + 5000 + 1000

async function get (path: string): Promise<{ status: number, body: Record<string, unknown>, ms: number }> {
  const { value, ms } = await timed(async () => {
    const response = await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(15_000) })
    return { status: response.status, body: await response.json() as Record<string, unknown> }
  })
  return { ...value, ms }
}

type LogLine = Record<string, unknown> & { msg?: string }
const messages = (): string[] => (server.logs as LogLine[]).map((line) => String(line.msg))

// The order matters: each fault fires once, at the first call it applies to.
it('the upstream\'s worker exits: that call gets a 502, the worker is restarted and logged, fetches recover by themselves', async () => {
  const failed = await get(`/async/fetch?ms=${MS}`)
  expect(failed.status).toBe(502)
  expect(failed.body.code).toBe('LAB_ERR_UPSTREAM_FAILED')
  const started = performance.now()
  let recovered: { status: number } = failed
  for (let attempt = 0; attempt < 50 && recovered.status !== 200; attempt++) {
    await pause(100)
    recovered = await get(`/async/fetch?ms=${MS}`)
    expect([200, 502]).toContain(recovered.status)
  }
  expect(recovered.status).toBe(200)
  expect(performance.now() - started).toBeLessThan(5000)
  await pause(200)
  expect(messages()).toContain('the slow upstream\'s worker exited; restarting it')
  expect(messages()).toContain('the slow upstream\'s worker restarted')
})

it('the blocking client\'s worker exits mid-call: 502 at once, and the next call has a new worker', async () => {
  const failed = await get(`/sync/fetch?ms=${MS}`)
  expect(failed.status).toBe(502)
  expect(failed.body.code).toBe('LAB_ERR_UPSTREAM_FAILED')
  expect(failed.ms).toBeLessThan(BLOCKING_BOUND_MS / 2)
})

it('the blocking client\'s worker stalls: 504 once its bound is up, not a frozen server; then it recovers', async () => {
  const stalled = await get(`/sync/fetch?ms=${MS}`)
  expect(stalled.status).toBe(504)
  expect(stalled.body.code).toBe('LAB_ERR_UPSTREAM_TIMEOUT')
  expect(stalled.ms).toBeGreaterThanOrEqual(BLOCKING_BOUND_MS - 50)
  expect(stalled.ms).toBeLessThan(BLOCKING_BOUND_MS + 2000)
  const next = await get(`/sync/fetch?ms=${MS}`)
  expect(next.status).toBe(200)
  expect(next.body.upstreamMs).toBeGreaterThanOrEqual(MS - 1)
})

it('after all three faults the server still answers /health and has not exited', async () => {
  expect((await get('/health')).status).toBe(200)
  expect(server.child.exitCode).toBeNull()
})
