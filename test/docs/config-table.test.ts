import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ConfigSchema } from '../../src/config.js'
import { renderConfigTable, TABLE_END, TABLE_START, withConfigTable } from '../../src/config-table.js'

const operations = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8')

describe('the configuration table in docs/operations.md', () => {
  it('is what ConfigSchema renders (run `npm run docs:config` after changing the schema)', () => {
    const committed = operations.slice(operations.indexOf(TABLE_START) + TABLE_START.length, operations.indexOf(TABLE_END)).trim()
    expect(committed).toBe(renderConfigTable())
  })

  it('has one row per variable of the schema, with its default and range', () => {
    const rows = renderConfigTable().split('\n').slice(2)
    expect(rows.map((row) => row.split('`')[1])).toEqual(Object.keys(ConfigSchema.properties))
    expect(rows.find((row) => row.startsWith('| `PORT` '))).toBe('| `PORT` | `3000` | an integer from 0 to 65535 | TCP port to listen on; 0 picks a free one. |')
    // Machine-dependent defaults are named, not measured on the machine that wrote the docs.
    expect(rows.find((row) => row.startsWith('| `COMPUTE_POOL_SIZE` '))).toContain('`os.availableParallelism()`')
    expect(rows.find((row) => row.startsWith('| `UPSTREAM_URL` '))).toContain('| unset |')
  })

  it('notices a drifted table: an edited cell no longer matches', () => {
    const drifted = operations.replace('| `PORT` | `3000` |', '| `PORT` | `8080` |')
    expect(drifted).not.toBe(operations)
    expect(withConfigTable(drifted)).toBe(operations)
  })

  it('refuses a document without its markers', () => {
    expect(() => withConfigTable('# no table here')).toThrow(/markers are missing/)
  })

  it('keeps every row at four cells (a pipe in a description is escaped)', () => {
    for (const row of renderConfigTable().split('\n')) expect(row.match(/(?<!\\)\|/g)).toHaveLength(5)
  })
})
