// CPU work measured from outside the server process (a client inside it would be frozen too).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../../load-tests/server-process.js'
import { batchWithHealthProbe } from '../helpers/health-probe.js'
import { requestsPerSecond } from '../helpers/throughput.js'
import { pause, timedGet } from '../helpers/timing.js'
import { waitForIdleCores } from '../helpers/idle-cores.js'

const CONCURRENT = 4
const WORK_MS = 300

let server: ServerProcess
beforeAll(async () => { server = await startServerProcess({ env: { LOG_LEVEL: 'warn' } }) })
afterAll(async () => { await server.stop() })

describe(`/health while ${CONCURRENT} requests of ${WORK_MS} ms of CPU run`, () => {
  it.each([
    ['/sync/compute', 'waits behind them'],
    ['/cooperative/compute', 'answers between slices'],
    ['/worker/compute', 'answers at once: the loop is free']
  ])('%s: /health %s', async (path) => {
    const { answers, health } = await batchWithHealthProbe(server.url, `${path}?ms=${WORK_MS}`, CONCURRENT)
    expect(answers.every((answer) => answer.status === 200)).toBe(true)
    expect(health.status).toBe(200)
    process.stdout.write(`${path}: /health ${Math.round(health.ms)} ms\n`)
    if (path === '/sync/compute') expect(health.ms).toBeGreaterThanOrEqual(WORK_MS * 2)
    else expect(health.ms).toBeLessThan(WORK_MS / 2)
  })
})

// The worker pool's advantage is parallelism, so it needs a core nobody else is using: on 2 cores
// at most 2× the event loop, about 1.8× measured on an idle machine. Other processes on this shared
// machine can take that core (and Linux shares CPU per session, so then two threads get no more
// than one), so each attempt waits for 1.5 idle cores first, and the routes take turns in short
// windows so that both see the same background. 1.3× leaves room for the test client, the server's
// own loop and a background that changes mid-run, and is still far above what one thread can do.
const MARGIN = 1.3

async function compareSyncAndWorker (rounds: number, windowMs: number): Promise<{ sync: number, worker: number }> {
  let sync = 0
  let worker = 0
  for (let round = 0; round < rounds; round++) {
    sync += await requestsPerSecond(`${server.url}/sync/compute?ms=50`, 8, windowMs)
    worker += await requestsPerSecond(`${server.url}/worker/compute?ms=50`, 8, windowMs)
  }
  return { sync: sync / rounds, worker: worker / rounds }
}

it(`under 8 connections the worker pool serves more than ${MARGIN}× the requests per second of the event loop`, async () => {
  await timedGet(`${server.url}/sync/compute?ms=10`) // warm up both routes' code
  await timedGet(`${server.url}/worker/compute?ms=10`)
  const attempts: Array<{ idle: number, sync: number, worker: number }> = []
  for (let attempt = 0; attempt < 3; attempt++) {
    const idle = await waitForIdleCores(1.5, 20_000)
    const rates = await compareSyncAndWorker(4, 600)
    attempts.push({ idle, ...rates })
    if (rates.worker > rates.sync * MARGIN) break
  }
  const report = attempts.map(({ idle, sync, worker }) =>
    `idle ${idle.toFixed(1)} cores before: sync ${sync.toFixed(1)} req/s, worker ${worker.toFixed(1)} req/s (${(worker / sync).toFixed(2)}×)`).join('; ')
  process.stdout.write(`8 connections, ms=50: ${report}\n`)
  const last = attempts.at(-1)
  expect(last?.worker, report).toBeGreaterThan((last?.sync ?? Infinity) * MARGIN)
}, 120_000)

it('SIGTERM with /worker/compute requests in flight: all answered, then the pool stops and the process exits 0', async () => {
  const stopping = await startServerProcess({ env: { LOG_LEVEL: 'warn' } })
  const inFlight = Array.from({ length: 3 }, () => timedGet(`${stopping.url}/worker/compute?ms=300`))
  await pause(100)
  const exit = await stopping.stop('SIGTERM')
  expect((await Promise.all(inFlight)).map((answer) => answer.status)).toEqual([200, 200, 200])
  expect(exit).toEqual({ code: 0, signal: null })
  expect(stopping.logs.filter((line) => Number(line.level) >= 50)).toEqual([])
})
