// `npm run examples -- [n] [--unit-ms N]`: runs the article's example n (every example without n) and
// prints its trace. A thin printer over src/examples/catalog.ts, which GET /examples/:n runs too.
import { parseArgs } from 'node:util'
import type { TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { loadConfigOrExit } from '../config.js'
import { describeAllowed, showValue } from '../schema-text.js'
import { coerceText } from '../strict-coercion.js'
import { connectUpstream } from '../upstream-clients/connect.js'
import {
  DEFAULT_UNIT_MS, EXAMPLE_COUNT, EXAMPLES_CALLING_UPSTREAM, exampleNumberSchema, runExample, unitMsSchema, type ExampleRun
} from './catalog.js'

const USAGE = `usage: npm run examples -- [n] [--unit-ms N]
  n            which example of the article to run, 1 to ${EXAMPLE_COUNT} (default: all of them)
  --unit-ms N  milliseconds per unit of waiting, the article's one second (default ${DEFAULT_UNIT_MS})
The slow upstream of examples ${EXAMPLES_CALLING_UPSTREAM.join(', ')} starts in a worker thread, unless UPSTREAM_URL is set.
`

function readInteger (name: string, text: string, schema: TSchema): number {
  const value = coerceText(schema, text)
  if (!Value.Check(schema, value)) {
    process.stderr.write(`examples: ${name} must be ${describeAllowed(schema)} (got ${showValue(text)})\n${USAGE}`)
    process.exit(2)
  }
  return value as number
}

function formatRun (run: ExampleRun): string {
  const lines = run.trace.map(({ atMs, line }) => `${atMs.toFixed(1).padStart(9)} ms  ${line}`)
  return [
    `Example ${run.example} (${run.articleFile}): ${run.title}`,
    ...lines,
    `  expected ≈ ${run.expectedMs} ms (1 unit = ${run.unitMs} ms), measured ${run.elapsedMs} ms`,
    `  ${run.lesson}`,
    '',
    ''
  ].join('\n')
}

const { values, positionals } = parseArgs({
  options: { 'unit-ms': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  allowPositionals: true
})
if (values.help === true || positionals.length > 1) {
  process.stdout.write(USAGE)
  process.exit(values.help === true ? 0 : 2)
}

const config = loadConfigOrExit(process.env)
const unitMsAllowed = unitMsSchema(config.MAX_DELAY_MS)
const unitMs = readInteger('--unit-ms', values['unit-ms'] ?? String(unitMsAllowed.default), unitMsAllowed)
const chosen = positionals[0] === undefined ? undefined : readInteger('n', positionals[0], exampleNumberSchema)
const examples = chosen === undefined ? Array.from({ length: EXAMPLE_COUNT }, (_, index) => index + 1) : [chosen]

const upstream = examples.some((n) => EXAMPLES_CALLING_UPSTREAM.includes(n))
  ? await connectUpstream({ ...config, LOG_LEVEL: 'warn' })
  : undefined
try {
  for (const example of examples) {
    process.stdout.write(formatRun(await runExample(example, { unitMs, upstreamUrl: upstream?.url ?? '' })))
  }
} finally {
  await upstream?.close()
}
