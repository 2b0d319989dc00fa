// `npm run examples` runs this compiled CLI: a printer over the same runs as GET /examples/:n.
import { expect, it } from 'vitest'
import { runBuilt } from '../helpers/run-built.js'

async function examples (...args: string[]) {
  return runBuilt('dist/src/examples/cli.js', args, { timeoutMs: 20_000 })
}

it('prints example 1\'s trace: Task One does the work, Task Two has nothing to do', async () => {
  const { code, stdout, stderr } = await examples('1')
  expect(code, stderr).toBe(0)
  const lines = stdout.split('\n')
  expect(lines[0]).toBe('Example 1 (example_1.py): Synchronous program')
  expect(lines.filter((line) => /^ +\d+\.\d ms {2}Task One running$/.test(line))).toHaveLength(32)
  expect(stdout).toContain('ms  Task Two nothing to do')
  expect(stdout).toMatch(/expected ≈ 0 ms \(1 unit = 10 ms\), measured \d/)
})

it('example 6 starts its own upstream, downloads from it, and exits when done', async () => {
  const { code, stdout, stderr } = await examples('6', '--unit-ms', '5')
  expect(code, stderr).toBe(0)
  expect(stdout).toMatch(/Task One getting URL: http:\/\/127\.0\.0\.1:\d+\/upstream\/delay\?ms=75/)
  expect(stdout.match(/got URL/g)).toHaveLength(4)
  expect(stdout).toMatch(/expected ≈ 85 ms \(1 unit = 5 ms\), measured \d/)
})

it.each([['9'], ['abc'], ['1', '--unit-ms', '1e3'], ['1', '--unit-ms', '313'], ['1', '2']])('refuses %j with exit code 2 and the usage', async (...args) => {
  const failure = await examples(...args)
  expect(failure.code).toBe(2)
  expect(`${failure.stderr}${failure.stdout}`).toContain('usage: npm run examples -- [n] [--unit-ms N]')
})
