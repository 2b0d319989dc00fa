import { expect, it } from 'vitest'
import { runBuilt } from '../helpers/run-built.js'
import { listenOnLoopback } from '../helpers/stand-in-server.js'

async function runServer (env: Record<string, string>) {
  return runBuilt('dist/src/server.js', [], { env, timeoutMs: 10_000 })
}

it.each(['abc', '70000', '-1', '3000.5', ''])('PORT=%j stops the server with exit code 1 and one line naming PORT', async (port) => {
  const result = await runServer({ PORT: port })
  expect(result.code).toBe(1)
  expect(result.stderr.trim().split('\n')).toHaveLength(1)
  expect(result.stderr).toMatch(/invalid configuration: PORT must be an integer from 0 to 65535/)
})

it.each(['abc', '0'])('WORKERS=%j stops the server with exit code 1 and one line naming WORKERS', async (workers) => {
  const result = await runServer({ WORKERS: workers })
  expect(result.code).toBe(1)
  expect(result.stderr.trim().split('\n')).toHaveLength(1)
  expect(result.stderr).toMatch(/invalid configuration: WORKERS must be an integer from 1 to 1024 or auto/)
  expect(result.stdout).toBe('')
})

it('a port already in use stops the server with exit code 1 and a logged reason', async () => {
  const blocker = await listenOnLoopback((_request, response) => { response.end() })
  try {
    const result = await runServer({ PORT: String(blocker.port), HOST: '127.0.0.1' })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('EADDRINUSE')
  } finally {
    await blocker.close()
  }
})
