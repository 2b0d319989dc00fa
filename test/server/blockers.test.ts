// Each blocker measured from outside the server process (a client inside it would be frozen too):
// while a few requests of the blocking variant run, /health waits behind them; while the same
// requests of the remedy run, it does not. Both variants answer alike. This machine is shared, so the
// checks are relative: /health against the blocking requests' own time, and remedy against blocking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../../load-tests/engine/server-process.js'
import { batchWithHealthProbe } from '../helpers/batch-with-health-probe.js'

interface Entry { name: string, blocking: string, remedy: string, parameter: string, sizeForMs: number }

const CONCURRENT = 3
const WORK_MS = 300
// /health is sent 50 ms after the batch. A route that holds the loop lets the loop poll its sockets
// before each request (src/plugins/skip-gone-clients.ts), so /health waits for the blocking request
// running when it arrives: most of one request's time t, at least half of it; behind the remedy, far less.
const BLOCKED_FACTOR = 0.5
const REMEDY_AT_MOST = 1 / 2

let server: ServerProcess
let catalog: Entry[]
beforeAll(async () => {
  server = await startServerProcess({ env: { LOG_LEVEL: 'error' } })
  catalog = await (await fetch(`${server.url}/blockers?ms=${WORK_MS}`)).json() as Entry[]
})
afterAll(async () => { await server.stop() })

async function answerOf (path: string): Promise<{ answer: string, size: number }> {
  const { answer, size } = await (await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(15_000) })).json() as { answer: string, size: number }
  return { answer, size }
}

describe.each(['regex', 'json', 'fs', 'zlib', 'dedupe'])(`%s: ${CONCURRENT} concurrent requests of about ${WORK_MS} ms`, (name) => {
  it('the blocking variant holds /health behind it, the remedy does not; both answer alike', async () => {
    const { blocking, remedy, parameter, sizeForMs } = catalog.find((entry) => entry.name === name) as Entry
    const query = `?${parameter}=${sizeForMs}`

    const held = await batchWithHealthProbe(server.url, `${blocking}${query}`, CONCURRENT)
    expect(held.answers.every((answer) => answer.status === 200)).toBe(true)
    const oneRequestMs = Math.min(...held.answers.map((answer) => answer.ms))
    expect(held.health.latencyMs, `one blocking request took ${oneRequestMs.toFixed(0)} ms`).toBeGreaterThanOrEqual(oneRequestMs * BLOCKED_FACTOR)

    const free = await batchWithHealthProbe(server.url, `${remedy}${query}`, CONCURRENT)
    expect(free.answers.every((answer) => answer.status === 200)).toBe(true)
    expect(free.health.status).toBe(200)
    expect(free.health.latencyMs).toBeLessThan((held.health.latencyMs ?? 0) * REMEDY_AT_MOST)

    expect(await answerOf(`${remedy}${query}`)).toEqual(await answerOf(`${blocking}${query}`))
  })
})
