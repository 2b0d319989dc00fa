// The harness's server launcher during long runs: the log pipe is read to the end (a full pipe
// would stall the server) but only the last lines are kept.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { freePort, startServerProcess, type ServerProcess } from '../../../load-tests/engine/server-process.js'
import { createServer } from 'node:net'

let server: ServerProcess
beforeAll(async () => { server = await startServerProcess({ env: { LOG_LEVEL: 'debug' }, keepLogLines: 5 }) })
afterAll(async () => { await server.stop() })

it('keeps only the last keepLogLines stdout lines while reading them all', async () => {
  for (let i = 0; i < 20; i++) {
    const response = await fetch(`${server.url}/health?n=${i}`, { signal: AbortSignal.timeout(5000) })
    await response.arrayBuffer()
  }
  // Two log lines per request at debug level (info logs none per request); give the last ones time to come through the pipe.
  const deadline = Date.now() + 2000
  while (Date.now() < deadline && !server.logs.some((line) => JSON.stringify(line).includes('n=19'))) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  expect(server.logs).toHaveLength(5)
  expect(server.logs.some((line) => JSON.stringify(line).includes('n=19'))).toBe(true)
  expect(server.logs.some((line) => JSON.stringify(line).includes('n=0"'))).toBe(false)
})

it('keepLogLines 0: the log is read to the end and discarded unparsed, however much the server logs', async () => {
  const quiet = await startServerProcess({ env: { LOG_LEVEL: 'debug' }, keepLogLines: 0 })
  try {
    // 300 requests × two lines of a few hundred bytes: several times the 64 KiB a pipe holds, all read.
    for (let i = 0; i < 300; i++) {
      const response = await fetch(`${quiet.url}/health?padding=${'x'.repeat(200)}`, { signal: AbortSignal.timeout(5000) })
      await response.arrayBuffer()
    }
    expect(quiet.logs).toEqual([])
  } finally {
    await quiet.stop()
  }
}, 30_000)

it('freePort: a port below the ephemeral range (no listen(0) can take it meanwhile), one a server can listen on', async () => {
  const ports = await Promise.all(Array.from({ length: 5 }, async () => freePort()))
  for (const port of ports) {
    expect(port).toBeGreaterThanOrEqual(20_000)
    expect(port).toBeLessThan(32_768)
  }
  const listener = createServer()
  await new Promise<void>((resolve, reject) => listener.once('error', reject).listen(ports[0], '127.0.0.1', resolve))
  await new Promise((resolve) => listener.close(resolve))
})

it('the url it returns is the started server\'s own: its route index lists the lab\'s routes', async () => {
  const index = await (await fetch(`${server.url}/`, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5000) })).json() as { routes: Array<{ path: string }> }
  expect(index.routes.map((route) => route.path)).toContain('/sync/delay')
})
