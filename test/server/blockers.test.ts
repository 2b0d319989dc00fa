// Each blocker measured from outside the server process (a client inside it would be frozen too):
// while a few requests of the blocking variant run, /health waits behind them; while the same
// requests of the remedy run, it answers at once. Both variants answer alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../../load-tests/engine/server-process.js'
import { batchWithHealthProbe } from '../helpers/batch-with-health-probe.js'

interface Entry { name: string, blocking: string, remedy: string, parameter: string, sizeForMs: number }

const CONCURRENT = 3
const WORK_MS = 300
// The probe is sent 50 ms after the batch: behind CONCURRENT blocking requests of about WORK_MS it
// waits for the rest of them; behind the remedy, for no more than a slice of the loop's time.
const BLOCKED_AT_LEAST_MS = WORK_MS
const FREE_UNDER_MS = 150

let server: ServerProcess
let catalog: Entry[]
beforeAll(async () => {
  server = await startServerProcess({ env: { LOG_LEVEL: 'error' } })
  catalog = await (await fetch(`${server.url}/blockers?ms=${WORK_MS}`)).json() as Entry[]
})
afterAll(async () => { await server.stop() })

describe.each(['regex', 'json', 'fs', 'zlib', 'dedupe'])(`%s: ${CONCURRENT} concurrent requests of about ${WORK_MS} ms`, (name) => {
  const entry = (): Entry => catalog.find((candidate) => candidate.name === name) as Entry
  const answers: Record<string, string[]> = {}

  it('the blocking variant: /health waits behind them', async () => {
    const { blocking, parameter, sizeForMs } = entry()
    const { answers: responses, health } = await batchWithHealthProbe(server.url, `${blocking}?${parameter}=${sizeForMs}`, CONCURRENT)
    expect(responses.every((response) => response.status === 200)).toBe(true)
    expect(health.status).toBe(200)
    expect(health.latencyMs).toBeGreaterThanOrEqual(BLOCKED_AT_LEAST_MS)
    answers.blocking = await answersOf(`${blocking}?${parameter}=${sizeForMs}`)
  })

  it('the remedy: /health answers at once, and the answer is the same', async () => {
    const { remedy, parameter, sizeForMs } = entry()
    const { answers: responses, health } = await batchWithHealthProbe(server.url, `${remedy}?${parameter}=${sizeForMs}`, CONCURRENT)
    expect(responses.every((response) => response.status === 200)).toBe(true)
    expect(health.status).toBe(200)
    expect(health.latencyMs).toBeLessThan(FREE_UNDER_MS)
    expect(await answersOf(`${remedy}?${parameter}=${sizeForMs}`)).toEqual(answers.blocking)
  })
})

async function answersOf (path: string): Promise<string[]> {
  const body = await (await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(15_000) })).json() as { answer: string, size: number }
  return [body.answer, String(body.size)]
}
