// Where a worker thread's module is, from compiled code and from source alike. Compiled, it is the
// `.js` file next to its caller. From source (vitest, `npm run dev`) it is a `.ts` file, and a worker
// thread neither inherits its parent's TypeScript loader nor, on Node 20, honours `--import` in its
// execArgv. So from source the worker starts from a small ES module, written once to the temp
// directory, that registers tsx (a devDependency, present wherever the source runs) and re-exports
// the real module. Both `new Worker(path)` and piscina's `filename` take the path this returns.
import { mkdirSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export function workerFile (callerUrl: string, relativePath: string): string {
  if (!callerUrl.endsWith('.ts')) return fileURLToPath(new URL(relativePath, callerUrl))
  const module = new URL(relativePath.replace(/\.js$/, '.ts'), callerUrl).href
  const tsx = import.meta.resolve('tsx/esm/api')
  const bootstrap = [
    `const tsx = await import(${JSON.stringify(tsx)})`,
    'tsx.register()',
    `const worker = await import(${JSON.stringify(module)})`,
    'export default worker.default',
    ''
  ].join('\n')
  const directory = join(tmpdir(), 'event-loop-lab-workers')
  const hash = createHash('sha256').update(bootstrap).digest('hex').slice(0, 12)
  const file = join(directory, `${basename(relativePath, '.js')}-${hash}.mjs`)
  mkdirSync(directory, { recursive: true })
  writeFileSync(file, bootstrap)
  return file
}
