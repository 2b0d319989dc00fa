// Where a worker thread's module is, from compiled code and from source alike. Compiled, it is the
// `.js` file next to its caller. From source (vitest, `npm run dev`) it is a `.ts` file, and a worker
// thread neither inherits its parent's TypeScript loader nor, on Node 20, honours `--import` in its
// execArgv. So from source the module is compiled, with this project's own modules it imports, into
// one ES module by esbuild (a devDependency, present wherever the source runs), once per process;
// packages stay imports, resolved from the project's node_modules as compiled code resolves them.
// A worker then starts as fast as from dist/: registering a TypeScript loader in each new thread
// instead cost a few hundred ms of CPU per thread, paid again by every app a test builds.
// Both `new Worker(path)` and piscina's `filename` take the path this returns.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createHash } from 'node:crypto'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const compiled = new Map<string, string>()

export function workerFile (callerUrl: string, relativePath: string): string {
  if (!callerUrl.endsWith('.ts')) return fileURLToPath(new URL(relativePath, callerUrl))
  const module = fileURLToPath(new URL(relativePath.replace(/\.js$/, '.ts'), callerUrl))
  let file = compiled.get(module)
  if (file === undefined) {
    file = compile(module)
    compiled.set(module, file)
  }
  return file
}

function compile (module: string): string {
  // Inside the project, so that the packages the bundle imports resolve from its node_modules.
  const project = projectOf(module)
  const hash = createHash('sha256').update(module).digest('hex').slice(0, 12)
  const file = join(project, 'node_modules', '.cache', 'event-loop-lab-workers', `${basename(module, '.ts')}-${hash}.mjs`)
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild')
  const [output] = esbuild.buildSync({
    entryPoints: [module],
    outfile: file,
    write: false,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node}`,
    // piscina first require()s its worker file. On Node 20.19+ that loads an ES module with a default
    // export through a CommonJS facade, and that once aborted the whole test process (a failed
    // assertion in Node's facade code, while tests built and closed apps in quick succession). With
    // a top-level await, require() refuses the module and piscina imports it, as before this bundle.
    banner: { js: 'await Promise.resolve()' },
    logLevel: 'silent'
  }).outputFiles
  // Written aside, then renamed: another process (a test run beside `npm run dev`) never loads half a file.
  const partial = `${file}.${process.pid}.partial`
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(partial, output?.contents ?? '')
  renameSync(partial, file)
  return file
}

/** The nearest directory above `module` with a node_modules folder. */
function projectOf (module: string): string {
  for (let directory = dirname(module); ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'node_modules'))) return directory
    if (dirname(directory) === directory) throw new Error(`no node_modules above ${module}: cannot compile it for a worker thread`)
  }
}
