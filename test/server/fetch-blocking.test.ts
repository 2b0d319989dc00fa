// The real-IO pair measured from outside: the built server runs in its own process with its embedded
// upstream (a worker thread there), and this process sends ten concurrent calls and a /health probe.
// The upstream's request count, asked directly, shows every call really went over HTTP to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../../load-tests/engine/server-process.js'
import { batchWithHealthProbe } from '../helpers/batch-with-health-probe.js'
import { pause, timedGet } from '../helpers/timing.js'
import { upstreamRequests } from '../helpers/upstream.js'

const CONCURRENT = 10
const DELAY_MS = 200

let server: ServerProcess
let upstreamUrl: string

beforeAll(async () => {
  server = await startServerProcess()
  for (let attempt = 0; attempt < 20 && upstreamUrl === undefined; attempt += 1) {
    const ready = server.logs.find((line) => line.msg === 'slow upstream ready')
    if (ready !== undefined) upstreamUrl = String(ready.upstream)
    else await pause(50)
  }
  expect(upstreamUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
})
afterAll(async () => { await server.stop() })

describe(`${CONCURRENT} concurrent calls to an upstream that answers after ${DELAY_MS} ms`, () => {
  it('/async/fetch: all answered together; /health stays fast; each call reached the upstream', async () => {
    const before = await upstreamRequests(upstreamUrl)
    const { answers, ms, health } = await batchWithHealthProbe(server.url, `/async/fetch?ms=${DELAY_MS}`, CONCURRENT)
    expect(answers.every((answer) => answer.status === 200)).toBe(true)
    expect(ms).toBeGreaterThanOrEqual(DELAY_MS - 5)
    expect(ms).toBeLessThan(1500)
    expect(health.status).toBe(200)
    expect(health.latencyMs).toBeLessThan(200)
    expect(await upstreamRequests(upstreamUrl)).toBe(before + CONCURRENT)
  })

  it('/sync/fetch: answered one after another; /health waits behind them; each call reached the upstream', async () => {
    const before = await upstreamRequests(upstreamUrl)
    const batch = batchWithHealthProbe(server.url, `/sync/fetch?ms=${DELAY_MS}`, CONCURRENT)
    // The main loop is blocked, but the upstream runs on its own loop in the same process: it answers.
    await pause(300)
    const duringBlock = await timedGet(`${upstreamUrl}/upstream/stats`)
    const { answers, ms, health } = await batch
    expect(answers.every((answer) => answer.status === 200)).toBe(true)
    expect(ms).toBeGreaterThanOrEqual(CONCURRENT * DELAY_MS - 5)
    expect(health.status).toBe(200)
    expect(health.latencyMs).toBeGreaterThanOrEqual(1000)
    expect(duringBlock.status).toBe(200)
    expect(duringBlock.ms).toBeLessThan(500)
    expect(await upstreamRequests(upstreamUrl)).toBe(before + CONCURRENT)
  })
})
