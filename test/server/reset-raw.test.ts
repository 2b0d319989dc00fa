// Clients that reset the connection (RST) at every stage of a request, against the built server in
// its own process: after each one the server must still answer /health and must have logged nothing
// at error level (a socket nobody owns ends in an uncaught error, which close-with-grace logs at
// error level before it exits). The same cases, 100 times each, are `npm run abuse`.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../../load-tests/engine/server-process.js'
import { RESET_CASES, sendAndReset, WORK_MS } from '../../load-tests/engine/reset-cases.js'
import { pause, timedGet } from '../helpers/timing.js'

let server: ServerProcess
beforeAll(async () => { server = await startServerProcess({ env: { LOG_LEVEL: 'warn' } }) })
afterAll(async () => { await server.stop() })

const errorLines = (): unknown[] => server.logs.filter((line) => Number(line.level) >= 50)

it.each(RESET_CASES.map((resetCase) => [resetCase.label, resetCase] as const))('a client that resets %s leaves the server answering', async (_label, resetCase) => {
  await sendAndReset(server.url, await resetCase.request(server.url), resetCase.resetAfter)
  // Whatever the server still does for that request (finish its work, write to a dead socket) is over by now.
  await pause(2 * WORK_MS)
  const health = await timedGet(`${server.url}/health`, 5000)
  expect(health.status).toBe(200)
  expect(server.child.exitCode).toBeNull()
  expect(errorLines()).toEqual([])
})

it('each case three times in a row, back to back: still answering, still no error line', async () => {
  for (const resetCase of RESET_CASES) {
    for (let time = 0; time < 3; time++) await sendAndReset(server.url, await resetCase.request(server.url), resetCase.resetAfter)
  }
  await pause(2 * WORK_MS)
  expect((await timedGet(`${server.url}/health`, 5000)).status).toBe(200)
  expect(errorLines()).toEqual([])
})
