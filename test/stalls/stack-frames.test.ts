// Stack frames as the stall warning shows them: compiled positions mapped back to TypeScript through
// the build's source maps (needs `npm run build`, as `npm test` does first).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { expect, it } from 'vitest'
import { StackMapper } from '../../src/stalls/stack-frames.js'
import { PROJECT_ROOT } from '../../load-tests/server-process.js'

const mapper = new StackMapper(PROJECT_ROOT)

/** `at name (url:line:column)` for the first line of the compiled file that contains `text`. */
function compiledFrame (name: string, compiled: string, text: string): string {
  const lines = readFileSync(join(PROJECT_ROOT, compiled), 'utf8').split('\n')
  const line = lines.findIndex((candidate) => candidate.includes(text))
  return `    at ${name} (${pathToFileURL(join(PROJECT_ROOT, compiled)).href}:${line + 1}:${(lines[line] ?? '').indexOf(text) + 1})`
}

/** The line of the TypeScript source that contains `text`, 1-based. */
function sourceLine (source: string, text: string): number {
  return readFileSync(join(PROJECT_ROOT, source), 'utf8').split('\n').findIndex((line) => line.includes(text)) + 1
}

it('maps compiled frames to their TypeScript file and line', () => {
  const stack = ['Error',
    compiledFrame('busyWait', 'dist/src/work/busy-wait.js', 'performance.now() < end'),
    compiledFrame('delayBlocking', 'dist/src/work/delay.js', 'busyWait(ms)')].join('\n')
  expect(mapper.frames(stack, 10)).toEqual([
    { function: 'busyWait', location: `src/work/busy-wait.ts:${sourceLine('src/work/busy-wait.ts', 'performance.now() < end')}` },
    { function: 'delayBlocking', location: `src/work/delay.ts:${sourceLine('src/work/delay.ts', 'busyWait(ms)')}` }
  ])
})

it('keeps Node internals, builtins and files without a source map as they are, paths relative to the root', () => {
  const stack = ['Error',
    '    at RegExp.test (<anonymous>)',
    '    at readFileSync (node:fs:463:20)',
    `    at next (${join(PROJECT_ROOT, 'node_modules/fastify/lib/hooks.js')}:236:9)`,
    '    at node:internal/main/run_main_module:28:49'].join('\n')
  expect(mapper.frames(stack, 10)).toEqual([
    { function: 'RegExp.test', location: '<anonymous>' },
    { function: 'readFileSync', location: 'node:fs:463' },
    { function: 'next', location: 'node_modules/fastify/lib/hooks.js:236' },
    { function: '<anonymous>', location: 'node:internal/main/run_main_module:28' }
  ])
  expect(mapper.frames(stack, 2)).toHaveLength(2)
})
