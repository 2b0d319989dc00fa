// `npm run abuse`: every reset case of load-tests/reset-cases.ts, --times times in a row each (100
// by default), against the built server as `npm start` runs it, in its own process. After each case:
// /health must answer in under HEALTH_LIMIT_MS and the server must have logged nothing at error
// level; at the end its RSS must have grown by less than RSS_GROWTH_LIMIT since a warm-up round. Then
// 5 pipelined /sync/delay?ms=1000 and a reset: /health sent right after must answer within 1.5 s.
// Prints one line per check and exits 1 if any failed.
import { parseArgs } from 'node:util'
import { timeHealth } from './engine/health-probe.js'
import { RESET_CASES, sendAndReset, WORK_MS } from './engine/reset-cases.js'
import { startServerProcess, type ServerProcess } from './engine/server-process.js'
import { readServerStats } from './engine/server-stats.js'

const HEALTH_LIMIT_MS = 50
const HEALTH_PROBES = 5
/** How long a /health waits before it counts as no answer. */
const HEALTH_TIMEOUT_MS = 5000
const RSS_GROWTH_LIMIT = 0.1
const WARM_UP_TIMES = 10
const PIPELINED = 5
const PIPELINED_MS = 1000
const PIPELINED_LIMIT_MS = 1500
/**
 * How long the server gets, after each case, to finish what the departed clients left running and
 * cannot be cancelled: hashes already on libuv's threadpool (up to `times` × ~50 ms of CPU).
 */
const SETTLE_MS = 1000

const { values } = parseArgs({ options: { times: { type: 'string', default: '100' } } })
const times = Number(values.times)
if (!Number.isInteger(times) || times < 1 || times > 10_000) {
  process.stderr.write('abuse: --times must be an integer from 1 to 10000\n')
  process.exit(2)
}

async function pause (ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms))
}

/** The slowest of a few /health requests, one after another, each on a fresh connection. */
async function slowestHealth (url: string): Promise<number> {
  let slowest = 0
  for (let probe = 0; probe < HEALTH_PROBES; probe++) {
    const answer = await timeHealth(url, false, HEALTH_TIMEOUT_MS)
    slowest = Math.max(slowest, answer.status === 200 ? answer.latencyMs ?? Infinity : Infinity)
  }
  return slowest
}

async function rssBytes (url: string): Promise<number> {
  const stats = await readServerStats(url)
  if (stats === null) throw new Error(`${url}/stats did not answer with the server's stats`)
  return stats.memory.rssBytes
}

const errorLines = (server: ServerProcess): number => server.logs.filter((line) => Number(line.level) >= 50).length

let failures = 0
function report (passed: boolean, text: string): void {
  if (!passed) failures++
  process.stdout.write(`${passed ? 'ok  ' : 'FAIL'} ${text}\n`)
}

async function sendCase (url: string, index: number): Promise<void> {
  const resetCase = RESET_CASES[index]
  if (resetCase !== undefined) await sendAndReset(url, await resetCase.request(url), resetCase.resetAfter)
}

const server = await startServerProcess({ env: { LOG_LEVEL: 'warn' }, keepLogLines: 1000 })
try {
  for (let index = 0; index < RESET_CASES.length; index++) {
    for (let time = 0; time < WARM_UP_TIMES; time++) await sendCase(server.url, index)
  }
  await pause(2 * WORK_MS)
  const rssBefore = await rssBytes(server.url)
  process.stdout.write(`${RESET_CASES.length} reset cases, ${times} times each, against ${server.url} (pid ${server.child.pid}); RSS after warm-up ${(rssBefore / 2 ** 20).toFixed(1)} MiB\n`)

  for (const [index, resetCase] of RESET_CASES.entries()) {
    const started = performance.now()
    for (let time = 0; time < times; time++) await sendCase(server.url, index)
    const tookS = (performance.now() - started) / 1000
    await pause(Math.max(SETTLE_MS, 2 * WORK_MS))
    const health = await slowestHealth(server.url)
    const errors = errorLines(server)
    report(health < HEALTH_LIMIT_MS && errors === 0 && server.child.exitCode === null,
      `${resetCase.label}: ${times}× in ${tookS.toFixed(1)} s; slowest /health of ${HEALTH_PROBES} after: ${health.toFixed(1)} ms; error lines so far: ${errors}`)
  }

  const rssAfter = await rssBytes(server.url)
  const growth = rssAfter / rssBefore - 1
  report(growth < RSS_GROWTH_LIMIT, `RSS ${(rssBefore / 2 ** 20).toFixed(1)} -> ${(rssAfter / 2 ** 20).toFixed(1)} MiB: ${(growth * 100).toFixed(1)} % (limit ${RSS_GROWTH_LIMIT * 100} %)`)

  const pipelined = `GET /sync/delay?ms=${PIPELINED_MS} HTTP/1.1\r\nHost: lab\r\n\r\n`.repeat(PIPELINED)
  // 100 ms: the server has read them and started the first when the reset comes.
  await sendAndReset(server.url, pipelined, 100)
  const health = await timeHealth(server.url, false, HEALTH_TIMEOUT_MS)
  const answered = health.latencyMs === null ? `no answer in ${HEALTH_TIMEOUT_MS} ms` : `answered ${health.status} in ${health.latencyMs.toFixed(0)} ms`
  report(health.status === 200 && health.latencyMs !== null && health.latencyMs <= PIPELINED_LIMIT_MS,
    `${PIPELINED} pipelined /sync/delay?ms=${PIPELINED_MS}, reset after 100 ms: /health ${answered} (limit ${PIPELINED_LIMIT_MS} ms)`)
  report(errorLines(server) === 0, `error-level lines logged in all: ${errorLines(server)}`)
} finally {
  await server.stop()
}
process.exitCode = failures === 0 ? 0 : 1
