// The probe's inputs: one table drives the parser, `--help` and the schema results.json records them
// under. Every number has a ceiling, and the defaults are a load a production server survives: at
// most 64 connections, 20 000 requests and 60 s in all.
import { parseArgs } from 'node:util'
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { showValue } from '../../src/schema-text.js'
import { describeOption, parseArgsConfig, readValue, UsageError, type OptionSpec } from '../core/options.js'
import { planRequests } from './budget.js'
import { checkTarget } from './target.js'

export const ProbeOptionsSchema = Type.Object({
  suspect: Type.String({ minLength: 1, maxLength: 2000 }),
  victim: Type.String({ minLength: 1, maxLength: 2000 }),
  steps: Type.Array(Type.Integer({ minimum: 1, maximum: 1000 }), { minItems: 1, maxItems: 8 }),
  stepDurationS: Type.Integer({ minimum: 1, maximum: 60 }),
  serialRequests: Type.Integer({ minimum: 3, maximum: 100 }),
  timeoutS: Type.Integer({ minimum: 1, maximum: 120 }),
  maxRequests: Type.Integer({ minimum: 100, maximum: 1_000_000 }),
  maxDurationS: Type.Integer({ minimum: 5, maximum: 3600 }),
  allowRemote: Type.Boolean(),
  out: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
  json: Type.Boolean()
})

export type ProbeOptions = Static<typeof ProbeOptionsSchema>

type Defaults = Omit<ProbeOptions, 'suspect' | 'victim'>
export const PROBE_DEFAULTS: Defaults = {
  steps: [1, 4, 16, 64],
  stepDurationS: 3,
  serialRequests: 10,
  timeoutS: 10,
  maxRequests: 20_000,
  maxDurationS: 60,
  allowRemote: false,
  json: false
}

type Spec = Omit<OptionSpec, 'key' | 'defaultText'> & { key: keyof ProbeOptions | 'help' }

const SPECS: Spec[] = [
  { flag: 'suspect', key: 'suspect', value: 'URL', help: 'the route you suspect of blocking, e.g. http://127.0.0.1:3000/report (required)' },
  { flag: 'victim', key: 'victim', value: 'URL', help: 'a cheap route of the same server process, e.g. its health check (required)' },
  { flag: 'steps', key: 'steps', value: 'N,…', list: true, help: 'connection counts to load the suspect with, rising' },
  { flag: 'step-duration', key: 'stepDurationS', value: 'S', help: 'seconds of load per step' },
  { flag: 'serial', key: 'serialRequests', value: 'N', help: 'one-at-a-time requests that measure the suspect\'s time t (and as many to the victim, idle)' },
  { flag: 'timeout', key: 'timeoutS', value: 'S', help: 'per-request timeout; a request that takes longer counts as an error' },
  { flag: 'max-requests', key: 'maxRequests', value: 'N', help: 'ceiling on every request the probe sends, suspect and victim' },
  { flag: 'max-duration', key: 'maxDurationS', value: 'S', help: 'ceiling on the whole probe; steps that would end after it are not run' },
  { flag: 'allow-remote', key: 'allowRemote', help: 'allow a host other than loopback (127.0.0.0/8, ::1, localhost)' },
  { flag: 'out', key: 'out', value: 'DIR', help: 'where results.json, report.md and report.html go (default: load-tests/results/probe-<ISO timestamp>/)' },
  { flag: 'json', key: 'json', help: 'print results.json on stdout and nothing else' },
  { flag: 'help', key: 'help', help: 'show this help' }
]

export type ParsedProbeArgs = { help: true } | { help: false, options: ProbeOptions }

/** Reads the command line into validated options; throws UsageError with one line naming the option. */
export function parseProbeArgs (args: string[]): ParsedProbeArgs {
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({ args, options: parseArgsConfig(SPECS), strict: true, allowPositionals: false }).values
  } catch (error) {
    // node:util's messages run to three lines (`--timeout -1`); the first one names the option.
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments')
  }
  if (values.help === true) return { help: true }
  const candidate: Record<string, unknown> = structuredClone(PROBE_DEFAULTS)
  for (const spec of SPECS) {
    const raw = values[spec.flag]
    if (raw === undefined || spec.key === 'help') continue
    const schema = ProbeOptionsSchema.properties[spec.key] as TSchema
    const value = typeof raw === 'boolean' ? raw : readValue(spec, schema, raw)
    const [first] = Value.Errors(schema, value)
    if (first !== undefined) throw new UsageError(`--${spec.flag} must be ${describeOption(spec, schema)} (got ${showValue(raw)})`)
    candidate[spec.key] = value
  }
  for (const flag of ['suspect', 'victim'] as const) {
    if (typeof candidate[flag] !== 'string') throw new UsageError(`--${flag} URL is required`)
  }
  const options = candidate as ProbeOptions
  checkSteps(options.steps)
  checkTarget('suspect', options.suspect, options.allowRemote)
  checkTarget('victim', options.victim, options.allowRemote)
  planRequests(options)
  return { help: false, options }
}

function checkSteps (steps: number[]): void {
  if (steps.some((connections, i) => i > 0 && connections <= (steps[i - 1] ?? 0))) {
    throw new UsageError(`--steps must rise, each step more connections than the one before (got ${steps.join(',')})`)
  }
}

/** The `--help` text. */
export function probeHelpText (): string {
  const flags = SPECS.map((spec) => `--${spec.flag}${spec.value === undefined ? '' : ` ${spec.value}`}`)
  const width = Math.max(...flags.map((flag) => flag.length)) + 2
  const defaults = PROBE_DEFAULTS as Record<string, unknown>
  return [
    'Usage: npm run probe -- --suspect URL --victim URL [options]',
    '',
    'Does the suspect route block its server\'s event loop? Measures the suspect\'s time t one request',
    'at a time, then loads it at rising concurrency while timing the victim on connections of its',
    'own, and compares the suspect\'s throughput with its serial bound (1000 / t) and its concurrent',
    'bound (connections × 1000 / t). Writes results.json, report.md and report.html.',
    '',
    'Options:',
    ...SPECS.map((spec, i) => {
      const value = defaults[spec.key]
      const shown = value === undefined || value === false ? '' : ` (default: ${Array.isArray(value) ? value.join(',') : String(value)})`
      return `  ${(flags[i] ?? '').padEnd(width)}${spec.help}${shown}`
    }),
    '',
    'Exit codes: 0 a verdict was reached (inconclusive included); 1 the probe failed; 2 bad options',
    'or a remote host without --allow-remote.',
    ''
  ].join('\n')
}
