// `npm run examples` runs this compiled CLI: a printer over the same runs as GET /examples/:n.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../load-tests/server-process.js'

const run = promisify(execFile)

async function examples (...args: string[]) {
  return run(process.execPath, ['dist/src/examples/cli.js', ...args], { cwd: PROJECT_ROOT, timeout: 20_000 })
}

it('prints example 1\'s trace: Task One does the work, Task Two has nothing to do', async () => {
  const { stdout } = await examples('1')
  const lines = stdout.split('\n')
  expect(lines[0]).toBe('Example 1 (example_1.py): Synchronous program')
  expect(lines.filter((line) => /^ +\d+\.\d ms {2}Task One running$/.test(line))).toHaveLength(32)
  expect(stdout).toContain('ms  Task Two nothing to do')
  expect(stdout).toMatch(/expected ≈ 0 ms \(1 unit = 10 ms\), measured \d/)
})

it('example 6 starts its own upstream, downloads from it, and exits when done', async () => {
  const { stdout } = await examples('6', '--unit-ms', '5')
  expect(stdout).toMatch(/Task One getting URL: http:\/\/127\.0\.0\.1:\d+\/upstream\/delay\?ms=75/)
  expect(stdout.match(/got URL/g)).toHaveLength(4)
  expect(stdout).toMatch(/expected ≈ 85 ms \(1 unit = 5 ms\), measured \d/)
})

it.each([['9'], ['abc'], ['1', '--unit-ms', '1e3'], ['1', '--unit-ms', '313'], ['1', '2']])('refuses %j with exit code 2 and the usage', async (...args) => {
  const failure = await examples(...args).then(() => undefined, (error: unknown) => error as { code: number, stderr: string, stdout: string })
  expect(failure?.code).toBe(2)
  expect(`${failure?.stderr}${failure?.stdout}`).toContain('usage: npm run examples -- [n] [--unit-ms N]')
})
