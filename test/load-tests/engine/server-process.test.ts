// The harness's server launcher during long runs: the log pipe is read to the end (a full pipe
// would stall the server) but only the last lines are kept.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../../../load-tests/engine/server-process.js'

let server: ServerProcess
beforeAll(async () => { server = await startServerProcess({ env: { LOG_LEVEL: 'info' }, keepLogLines: 5 }) })
afterAll(async () => { await server.stop() })

it('keeps only the last keepLogLines stdout lines while reading them all', async () => {
  for (let i = 0; i < 20; i++) {
    const response = await fetch(`${server.url}/health?n=${i}`, { signal: AbortSignal.timeout(5000) })
    await response.arrayBuffer()
  }
  // Two log lines per request at info level; give the last ones time to come through the pipe.
  const deadline = Date.now() + 2000
  while (Date.now() < deadline && !server.logs.some((line) => JSON.stringify(line).includes('n=19'))) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  expect(server.logs).toHaveLength(5)
  expect(server.logs.some((line) => JSON.stringify(line).includes('n=19'))).toBe(true)
  expect(server.logs.some((line) => JSON.stringify(line).includes('n=0"'))).toBe(false)
})
