// The import graph as a rule book: no circles anywhere in the code, and load-tests/ in layers
// (core ← engine, report ← scenarios ← the commands at the top: cli.ts, abuse.ts, …), so a file's folder says what it may depend on.
import madge from 'madge'
import { describe, expect, it } from 'vitest'

/** The layer of a load-tests/ file: its first folder, or `entry` for a command at the top (cli.ts, abuse.ts, …). */
function layerOf (file: string): string {
  const [first = '', second] = file.split('/')
  return second === undefined ? 'entry' : first
}

/** What each layer may import besides itself (and src/, the server it measures). */
const ALLOWED: Record<string, string[]> = {
  core: [],
  engine: ['core'],
  report: ['core'],
  scenarios: ['core', 'engine', 'report'],
  entry: ['core', 'engine', 'report', 'scenarios'],
  // The probe (`npm run probe`): a command of its own, in its own folder, on the same engine and reporters.
  probe: ['core', 'engine', 'report'],
  // The overhead benchmark (`npm run bench`): a command of its own, in its own folder.
  bench: ['core', 'engine', 'report'],
  // The lab's run process (spawned by the server's POST /lab/runs): the engine on one route.
  lab: ['core', 'engine']
}

// Read once per folder: three tests read load-tests/, and madge parses every file each time.
const graphs = new Map<string, ReturnType<typeof madge>>()
const graphOf = async (dir: string) => {
  const graph = graphs.get(dir) ?? madge(dir, { fileExtensions: ['ts'], tsConfig: 'tsconfig.json' })
  graphs.set(dir, graph)
  return graph
}

describe('import graph', () => {
  it.each(['load-tests', 'src', 'routes'])('%s/ has no import circle', async (dir) => {
    const graph = await graphOf(dir)
    expect(Object.keys(graph.obj()).length).toBeGreaterThan(3)
    expect(graph.circular()).toEqual([])
  })

  it('load-tests/ layers import only the layers below them', async () => {
    const graph = (await graphOf('load-tests')).obj()
    const wrong: string[] = []
    for (const [file, imports] of Object.entries(graph)) {
      const from = layerOf(file)
      for (const imported of imports) {
        if (imported.startsWith('..')) continue
        const to = layerOf(imported)
        if (to !== from && !(ALLOWED[from] ?? []).includes(to)) wrong.push(`${file} → ${imported}`)
      }
    }
    expect(Object.keys(graph)).toContain('core/scenario.ts')
    expect(wrong).toEqual([])
  })

  it('a scenario folder imports no other scenario but the shared helpers', async () => {
    const graph = (await graphOf('load-tests')).obj()
    const wrong = Object.entries(graph).flatMap(([file, imports]) => {
      const [layer, folder] = file.split('/')
      if (layer !== 'scenarios' || folder === undefined || folder.endsWith('.ts')) return []
      return imports
        .filter((imported) => imported.startsWith('scenarios/'))
        .filter((imported) => ![folder, 'shared'].includes(imported.split('/')[1] ?? ''))
        .map((imported) => `${file} → ${imported}`)
    })
    expect(wrong).toEqual([])
  })
})
