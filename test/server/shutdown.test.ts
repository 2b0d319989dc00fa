// Graceful shutdown of the built server, started with the Dockerfile's own CMD so the test and the
// container cannot drift apart.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../load-tests/core/project-root.js'
import { startServerProcess } from '../../load-tests/engine/server-process.js'
import { pause, timed, timedGet } from '../helpers/timing.js'

function dockerfileCmd (): string[] {
  const dockerfile = readFileSync(join(PROJECT_ROOT, 'Dockerfile'), 'utf8')
  const cmd = /^CMD\s+(\[.*\])\s*$/m.exec(dockerfile)?.[1]
  if (cmd === undefined) throw new Error('Dockerfile has no exec-form CMD')
  return JSON.parse(cmd) as string[]
}

it('SIGTERM with 5 requests in flight: all 5 answered 200, exit code 0 within 3 s', async () => {
  const command = dockerfileCmd()
  expect(command[0]).toBe('node')
  const server = await startServerProcess({ command })

  const inFlight = Array.from({ length: 5 }, () => timedGet(`${server.url}/async/delay?ms=500`))
  await pause(150) // let all five reach their handlers
  const { value: exit, ms } = await timed(() => server.stop('SIGTERM'))

  const answers = await Promise.all(inFlight)
  expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200])
  expect(exit).toEqual({ code: 0, signal: null })
  expect(ms).toBeLessThan(3000)
  expect(server.logs.some((line) => line.msg === 'closed')).toBe(true)
  expect(server.logs.filter((line) => Number(line.level) >= 50)).toEqual([])
})

it('after SIGTERM the port no longer accepts new connections', async () => {
  const server = await startServerProcess({ env: { LOG_LEVEL: 'warn' } })
  await server.stop('SIGTERM')
  await expect(fetch(`${server.url}/health`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow()
})
