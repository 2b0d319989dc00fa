// `npm run load -- --compare A/results.json B/results.json [--out DIR] [--json]`: its own small
// command line, read apart from the load test's options (it loads nothing).
import { parseArgs } from 'node:util'
import { UsageError } from './options.js'

export interface CompareOptions {
  a: string
  b: string
  out?: string
  json: boolean
}

export const COMPARE_HELP = [
  'Usage: npm run load -- --compare A/results.json B/results.json [--out DIR] [--json]',
  '',
  'Compares two load-test runs route by route: req/s and latency percentiles, the difference, Welch\'s',
  't-test on the per-second samples, and a verdict (B faster, slower, or no significant difference).',
  'Writes comparison.json and comparison.md to --out (default: load-tests/results/compare-<ISO timestamp>/).',
  ''
].join('\n')

export function isCompare (args: string[]): boolean {
  return args.some((arg) => arg === '--compare' || arg.startsWith('--compare='))
}

export function parseCompareArgs (args: string[]): CompareOptions {
  let parsed
  try {
    parsed = parseArgs({ args, options: { compare: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } }, strict: true, allowPositionals: true })
  } catch (error) {
    throw new UsageError(`--compare: ${(error as Error).message}`)
  }
  const { values, positionals } = parsed
  if (values.compare === undefined || positionals.length !== 1 || positionals[0] === undefined) {
    throw new UsageError('--compare takes two results.json files: --compare A/results.json B/results.json')
  }
  return { a: values.compare, b: positionals[0], out: values.out, json: values.json === true }
}
