// `npm run docs:config`: rewrites the environment-variable table in docs/operations.md from ConfigSchema.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { withConfigTable } from './config-table.js'

const file = join(import.meta.dirname, '..', 'docs', 'operations.md')
const before = readFileSync(file, 'utf8')
const after = withConfigTable(before)
writeFileSync(file, after)
process.stdout.write(after === before ? 'docs/operations.md: the config table was already up to date\n' : 'docs/operations.md: config table rewritten\n')
