// The page's script and style, bundled by `npm run build` (esbuild, from src/lab/page/) into
// dist/src/lab/public/: uPlot and everything else the page needs, so it works offline.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AssetMissingError } from './lab-errors.js'

const LAB_ASSETS = {
  'lab.js': 'text/javascript; charset=utf-8',
  'lab.css': 'text/css; charset=utf-8'
} as const

// From dist/src/lab/, the bundle beside it; from the sources (npm run dev, tests), the last build's.
const PUBLIC_DIR = import.meta.filename.endsWith('.ts')
  ? join(import.meta.dirname, '..', '..', 'dist', 'src', 'lab', 'public')
  : join(import.meta.dirname, 'public')
const cache = new Map<string, Buffer>()

export async function readLabAsset (name: keyof typeof LAB_ASSETS): Promise<{ type: string, body: Buffer }> {
  let body = cache.get(name)
  if (body === undefined) {
    try {
      body = await readFile(join(PUBLIC_DIR, name))
    } catch {
      throw new AssetMissingError(`/lab/assets/${name}`)
    }
    cache.set(name, body)
  }
  return { type: LAB_ASSETS[name], body }
}
