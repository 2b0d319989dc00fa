// Stack frames as the stall warning shows them: compiled positions mapped back to TypeScript through
// a source map, as tsc writes them (`sourceMap: true`). The test compiles a small module of its own
// into a temporary project, so it needs no build.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import ts from 'typescript'
import { expect, it } from 'vitest'
import { StackMapper } from '../../src/stalls/stack-frames.js'

const SOURCE = [
  '// a comment line, gone from the compiled file, so compiled and source lines differ',
  'export function busyWait (ms: number): void {',
  '  const end: number = performance.now() + ms',
  '  while (performance.now() < end) {',
  '    // spin',
  '  }',
  '}',
  ''
].join('\n')
const WHILE_SOURCE_LINE = 4

/** root/dist/spin.js and its map, pointing at root/src/spin.ts; returns root and the `while` frame. */
function compiledProject (): { root: string, frame: string } {
  const root = mkdtempSync(join(tmpdir(), 'stack-frames-'))
  mkdirSync(join(root, 'dist'))
  const { outputText, sourceMapText } = ts.transpileModule(SOURCE, {
    fileName: 'spin.ts',
    compilerOptions: { sourceMap: true, removeComments: true, module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }
  })
  const map = { ...JSON.parse(sourceMapText ?? '{}'), sources: ['../src/spin.ts'] }
  const compiled = `${outputText.replace(/\/\/# sourceMappingURL=.*$/m, '')}//# sourceMappingURL=spin.js.map\n`
  writeFileSync(join(root, 'dist', 'spin.js'), compiled)
  writeFileSync(join(root, 'dist', 'spin.js.map'), JSON.stringify(map))
  const lines = compiled.split('\n')
  const line = lines.findIndex((text) => text.includes('while'))
  const column = (lines[line] ?? '').indexOf('performance') + 1
  return { root, frame: `    at busyWait (${pathToFileURL(join(root, 'dist', 'spin.js')).href}:${line + 1}:${column})` }
}

it('maps a compiled frame to its TypeScript file and line, relative to the root', () => {
  const { root, frame } = compiledProject()
  expect(frame).not.toContain(`:${WHILE_SOURCE_LINE}:`)
  expect(new StackMapper(root).frames(`Error\n${frame}`, 10)).toEqual([
    { function: 'busyWait', location: `src/spin.ts:${WHILE_SOURCE_LINE}` }
  ])
})

it('keeps Node internals, builtins and files without a source map as they are, paths relative to the root', () => {
  const root = mkdtempSync(join(tmpdir(), 'stack-frames-'))
  const stack = ['Error',
    '    at RegExp.test (<anonymous>)',
    '    at readFileSync (node:fs:463:20)',
    `    at next (${join(root, 'node_modules/fastify/lib/hooks.js')}:236:9)`,
    '    at node:internal/main/run_main_module:28:49'].join('\n')
  const mapper = new StackMapper(root)
  expect(mapper.frames(stack, 10)).toEqual([
    { function: 'RegExp.test', location: '<anonymous>' },
    { function: 'readFileSync', location: 'node:fs:463' },
    { function: 'next', location: 'node_modules/fastify/lib/hooks.js:236' },
    { function: '<anonymous>', location: 'node:internal/main/run_main_module:28' }
  ])
  expect(mapper.frames(stack, 2)).toHaveLength(2)
})
