// A client that leaves stops costing: requests it pipelined and then abandoned do no work, so the
// loop is held for at most the one request already running when the reset arrived.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../../load-tests/engine/server-process.js'
import { sendAndReset } from '../../load-tests/engine/reset-cases.js'
import { pause, timedGet } from '../helpers/timing.js'

let server: ServerProcess
beforeAll(async () => { server = await startServerProcess({ env: { LOG_LEVEL: 'info' } }) })
afterAll(async () => { await server.stop() })

type LogLine = Record<string, unknown> & { reqId?: string, code?: string, req?: { url?: string } }

const PIPELINED = 5
const BLOCK_MS = 1000

it(`${PIPELINED} pipelined /sync/delay?ms=${BLOCK_MS} and a reset: only the one already running blocks, /health answers after about ${BLOCK_MS} ms`, async () => {
  const request = `GET /sync/delay?ms=${BLOCK_MS} HTTP/1.1\r\nHost: lab\r\n\r\n`
  // 100 ms: the server has read all five and started the first before the reset comes.
  await sendAndReset(server.url, request.repeat(PIPELINED), 100)
  const health = await timedGet(`${server.url}/health`, 10_000)
  expect(health.status).toBe(200)
  // Five blocks would be 5 s; one is 1 s (less the 100 ms already spent). The margin is the machine's noise.
  expect(health.ms).toBeLessThan(2 * BLOCK_MS)

  // The log comes through a pipe, a moment behind the answers.
  await pause(500)
  // At most one request ran; the others were skipped before their handler (a 499 for nobody), or
  // never read at all when the reset came before them.
  const logs = server.logs as LogLine[]
  const received = new Set(logs.filter((line) => line.req?.url?.startsWith('/sync/delay') === true).map((line) => line.reqId))
  const skipped = logs.filter((line) => received.has(line.reqId) && line.code === 'LAB_ERR_CLIENT_GONE')
  expect(received.size).toBeGreaterThanOrEqual(1)
  expect(received.size - skipped.length).toBe(1)
  expect(logs.filter((line) => Number(line.level) >= 50)).toEqual([])
})
