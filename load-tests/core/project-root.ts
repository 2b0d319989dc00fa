// The checkout's root, whether this file runs from source (load-tests/core/) or compiled
// (dist/load-tests/core/): where the built server and the default report folder are.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)))

function findProjectRoot (from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`)
  }
}
