import { spawnSync } from 'node:child_process'
import { expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../load-tests/server-process.js'
import { listenOnLoopback } from '../helpers/stand-in-server.js'

function runServer (env: Record<string, string>) {
  return spawnSync(process.execPath, ['dist/src/server.js'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 10_000
  })
}

it.each(['abc', '70000', '-1', '3000.5', ''])('PORT=%j stops the server with exit code 1 and one line naming PORT', (port) => {
  const result = runServer({ PORT: port })
  expect(result.status).toBe(1)
  expect(result.stderr.trim().split('\n')).toHaveLength(1)
  expect(result.stderr).toMatch(/invalid configuration: PORT must be an integer from 0 to 65535/)
})

it('a port already in use stops the server with exit code 1 and a logged reason', async () => {
  const blocker = await listenOnLoopback((_request, response) => { response.end() })
  try {
    const result = runServer({ PORT: String(blocker.port), HOST: '127.0.0.1' })
    expect(result.status).toBe(1)
    expect(result.stdout).toContain('EADDRINUSE')
  } finally {
    await blocker.close()
  }
})
