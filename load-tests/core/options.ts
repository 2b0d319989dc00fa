// The load test's inputs: one table drives the argument parser, `--help`, validation and the
// TypeBox schema that results.json records them under, so the four cannot drift apart. A scenario
// adds its own options (ScenarioOption) to that table without this file knowing its name.
import { parseArgs } from 'node:util'
import { Type, type Static, type TArray, type TObject, type TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { describeAllowed, showValue } from '../../src/schema-text.js'
import { coerceText } from '../../src/strict-coercion.js'
import { PROBE_INTERVAL_MS } from './route-run.js'

const MAX_CONNECTIONS = 2000

export const ThresholdsSchema = Type.Object({
  asyncMin: Type.Number({ minimum: 0, maximum: 100, default: 0.85, description: 'non-blocking route: req/s at least this fraction of its bound' }),
  syncTolerance: Type.Number({ minimum: 0, maximum: 100, default: 0.1, description: 'blocking route: req/s within ± this fraction of its bound' }),
  collapseMin: Type.Number({ minimum: 0, maximum: 100, default: 0.5, description: 'collapse ratio (async ÷ sync req/s) at least this fraction of the physical ratio (async bound ÷ sync bound)' }),
  healthMin: Type.Number({ minimum: 0, maximum: 1e6, default: 10, description: '/health p99 during the sync run at least this many times its p99 during the async run' }),
  openGrowthMin: Type.Number({ minimum: 0, maximum: 1e6, default: 5, description: 'with --rate above the blocking route\'s bound: its latency in the last second at least this many times its latency in the first' }),
  queueMin: Type.Number({ minimum: 0, maximum: 100, default: 0.9, description: "blocking route: p99 latency at least this fraction of the queue it builds (connections ÷ bound, Little's law)" })
})

export const LoadOptionsSchema = Type.Object({
  url: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  waitS: Type.Optional(Type.Integer({ minimum: 1, maximum: 600 })),
  scenarios: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: 40 }), { minItems: 1, maxItems: 20 })),
  ms: Type.Integer({ minimum: 1, maximum: 10_000 }),
  connections: Type.Integer({ minimum: 1, maximum: MAX_CONNECTIONS }),
  durationS: Type.Integer({ minimum: 1, maximum: 600 }),
  warmupS: Type.Integer({ minimum: 0, maximum: 60 }),
  sweep: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: MAX_CONNECTIONS }), { minItems: 1, maxItems: 12 })),
  rate: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  out: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
  /** Extra environment of the server the load test starts, e.g. ['LOG_LEVEL=debug']. */
  serverEnv: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z][A-Z0-9_]*=[^,]*$', maxLength: 200 }), { minItems: 1, maxItems: 20 })),
  json: Type.Boolean(),
  check: Type.Boolean(),
  thresholds: ThresholdsSchema,
  /** Values of the scenarios' own options (ScenarioOption), by flag, already validated. */
  scenarioOptions: Type.Record(Type.String(), Type.Unknown())
})

export type Thresholds = Static<typeof ThresholdsSchema>
export type LoadOptions = Static<typeof LoadOptionsSchema>

/**
 * A command-line option that belongs to one scenario (e.g. `--soak S`). Its value lands in
 * `options.scenarioOptions[flag]`; giving it selects the scenario when --scenarios names none.
 */
export interface ScenarioOption {
  flag: string
  /** How the value is shown in --help, e.g. `S`. */
  value: string
  help: string
  schema: TSchema
}

/** What the parser and --help need from a scenario (a structural slice of core/scenario.ts). */
export interface ScenarioListing {
  name: string
  summary: string
  options?: ScenarioOption[]
}

/** One row of a command's option table: the parser, --help and validation all read it. */
export interface OptionSpec {
  flag: string
  /** Where the value goes in LoadOptions; `thresholds.x` for a threshold. */
  key: string
  value?: string
  list?: boolean
  help: string
  defaultText?: string
}

export const DEFAULT_OPTIONS: LoadOptions = {
  ms: 50,
  connections: 100,
  durationS: 5,
  warmupS: 2,
  json: false,
  check: false,
  thresholds: Value.Default(ThresholdsSchema, {}) as Thresholds,
  scenarioOptions: {}
}

const thresholdSpec = (flag: string, key: keyof Thresholds, value: string): OptionSpec => ({
  flag,
  key: `thresholds.${key}`,
  value,
  help: `--check: ${ThresholdsSchema.properties[key].description ?? ''}`,
  defaultText: String(DEFAULT_OPTIONS.thresholds[key])
})

export const OPTION_SPECS: OptionSpec[] = [
  { flag: 'url', key: 'url', value: 'URL', help: 'load a running server; without it the built server is started on a free loopback port and stopped at the end' },
  { flag: 'wait', key: 'waitS', value: 'S', help: 'with --url: wait up to S seconds for the server\'s /health to answer 200 before loading it (a server starting beside the load test, as in compose.yaml)' },
  { flag: 'scenarios', key: 'scenarios', value: 'NAME,…', list: true, help: 'scenarios to run (see the list below)', defaultText: 'every throughput pair the server has' },
  { flag: 'pairs', key: 'scenarios', value: 'NAME,…', list: true, help: 'the former name of --scenarios, still accepted' },
  { flag: 'ms', key: 'ms', value: 'N', help: 'milliseconds of work per request', defaultText: String(DEFAULT_OPTIONS.ms) },
  { flag: 'connections', key: 'connections', value: 'N', help: 'concurrent connections', defaultText: String(DEFAULT_OPTIONS.connections) },
  { flag: 'duration', key: 'durationS', value: 'S', help: 'seconds per route and run', defaultText: String(DEFAULT_OPTIONS.durationS) },
  { flag: 'warmup', key: 'warmupS', value: 'S', help: 'seconds of load on each non-blocking route just before its measured run, on the run\'s own connections, not counted, so the run measures the steady state (JIT-compiled code, open connections from the load generator and to the upstream); 0 for none', defaultText: String(DEFAULT_OPTIONS.warmupS) },
  { flag: 'sweep', key: 'sweep', value: 'N,…', list: true, help: 'also run every route at each of these connection counts, e.g. 1,10,50,100,200' },
  { flag: 'server-env', key: 'serverEnv', value: 'NAME=VALUE,…', list: true, help: 'environment of the server the load test starts (not with --url), e.g. LOG_LEVEL=debug; LOG_LEVEL=warn unless given' },
  { flag: 'rate', key: 'rate', value: 'R', help: 'also load every route open-loop: R requests per second whatever the answers, for --duration seconds, each timed from when it was due' },
  { flag: 'out', key: 'out', value: 'DIR', help: 'where results.json, report.md and report.html go', defaultText: 'load-tests/results/<ISO timestamp>/' },
  { flag: 'json', key: 'json', help: 'print results.json on stdout and nothing else (progress stays on stderr)' },
  { flag: 'check', key: 'check', help: 'exit 1 when a verdict fails (thresholds below)' },
  thresholdSpec('check-async-min', 'asyncMin', 'F'),
  thresholdSpec('check-sync-tolerance', 'syncTolerance', 'F'),
  thresholdSpec('check-collapse-min', 'collapseMin', 'F'),
  thresholdSpec('check-health-min', 'healthMin', 'X'),
  thresholdSpec('check-queue-min', 'queueMin', 'F'),
  thresholdSpec('check-open-growth-min', 'openGrowthMin', 'X'),
  { flag: 'help', key: 'help', help: 'show this help' }
]

export class UsageError extends Error {
  override name = 'UsageError'
}

export type ParsedArgs = { help: true } | { help: false, options: LoadOptions }

/** The scenarios' own options as rows of the table, keyed under `scenarioOptions.`. */
function scenarioSpecs (scenarios: ScenarioListing[]): Array<OptionSpec & { schema: TSchema }> {
  return scenarios.flatMap((scenario) => (scenario.options ?? []).map((option) => ({
    flag: option.flag,
    key: `scenarioOptions.${option.flag}`,
    value: option.value,
    // An array option is written as a comma-separated list, like --sweep.
    list: (option.schema as { type?: string }).type === 'array',
    help: `${scenario.name}: ${option.help}`,
    schema: option.schema
  })))
}

/** Reads the command line into validated options; throws UsageError with one line naming the option. */
export function parseLoadArgs (args: string[], scenarios: ScenarioListing[] = []): ParsedArgs {
  const specs: Array<OptionSpec & { schema?: TSchema }> = [...OPTION_SPECS, ...scenarioSpecs(scenarios)]
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({ args, options: parseArgsConfig(specs), strict: true, allowPositionals: false }).values
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (values.help === true) return { help: true }
  if (values.scenarios !== undefined && values.pairs !== undefined) throw new UsageError('--pairs is the former name of --scenarios: give one of them')

  const candidate = structuredClone(DEFAULT_OPTIONS) as Record<string, unknown>
  for (const spec of specs) {
    const raw = values[spec.flag]
    if (raw === undefined || spec.key === 'help') continue
    const schema = spec.schema ?? schemaAt(spec.key)
    const value = typeof raw === 'boolean' ? raw : readValue(spec, schema, raw)
    setAt(candidate, spec.key, value)
    const [first] = Value.Errors(schema, value)
    if (first !== undefined) throw new UsageError(`--${spec.flag} must be ${describeOption(spec, schema)} (got ${showValue(raw)})`)
  }
  if (typeof candidate.url === 'string') checkUrl(candidate.url)
  else if (candidate.waitS !== undefined) throw new UsageError('--wait waits for the server given by --url: give --url too')
  if (candidate.url !== undefined && candidate.serverEnv !== undefined) throw new UsageError('--server-env sets the environment of the server the load test starts: not with --url')
  return { help: false, options: candidate as LoadOptions }
}

/** The text of a string option as its schema's type: a list option is split at commas first. */
export function readValue (spec: Pick<OptionSpec, 'list'>, schema: TSchema, raw: string): unknown {
  if (spec.list !== true) return coerceText(schema, raw)
  const itemSchema = (schema as TArray).items
  return raw.split(',').map((item) => coerceText(itemSchema, item.trim()))
}

/** What a value of the option may be, for the one line of a UsageError. */
export function describeOption (spec: Pick<OptionSpec, 'list'>, schema: TSchema): string {
  if (spec.list !== true) return describeAllowed(schema)
  const { items, minItems, maxItems } = schema as TArray
  const { pattern: regex } = items as { pattern?: string }
  const pattern = regex === undefined ? '' : regex.startsWith('^[a-z]') ? ' of lowercase letters, digits and -' : ' of the form NAME=VALUE, NAME in capitals, digits and _'
  return `a comma-separated list of ${minItems} to ${maxItems} values, each ${describeAllowed(items)}${pattern}`
}

function checkUrl (url: string): void {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new UsageError(`--url must be an http:// or https:// URL (got ${showValue(url)})`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`--url must be an http:// or https:// URL (got ${showValue(url)})`)
  }
}

/** node:util parseArgs's option config for the table: a spec with a value takes a string. */
export function parseArgsConfig (specs: Array<Pick<OptionSpec, 'flag' | 'value'>>) {
  return Object.fromEntries(specs.map((spec) => [spec.flag, { type: spec.value === undefined ? 'boolean' as const : 'string' as const }]))
}

function schemaAt (key: string): TSchema {
  const [head = '', tail] = key.split('.')
  const schema = LoadOptionsSchema.properties[head as keyof LoadOptions] as TSchema
  return tail === undefined ? schema : (schema as TObject).properties[tail] as TSchema
}

function setAt (target: Record<string, unknown>, key: string, value: unknown): void {
  const [head = '', tail] = key.split('.')
  if (tail === undefined) target[head] = value
  else (target[head] as Record<string, unknown>)[tail] = value
}

/** The `--help` text: every option with its value, default and meaning, then the scenarios. */
export function helpText (scenarios: ScenarioListing[]): string {
  const specs = [...OPTION_SPECS, ...scenarioSpecs(scenarios)]
  const flags = specs.map((spec) => `--${spec.flag}${spec.value === undefined ? '' : ` ${spec.value}`}`)
  const width = Math.max(...flags.map((flag) => flag.length)) + 2
  const lines = specs.map((spec, i) => {
    const defaultText = spec.defaultText === undefined ? '' : ` (default: ${spec.defaultText})`
    return `  ${(flags[i] ?? '').padEnd(width)}${spec.help}${defaultText}`
  })
  return [
    'Usage: npm run load -- [options]',
    '',
    'Loads each route of a pair with autocannon (non-blocking route first, then the blocking one),',
    `probes /health every ${PROBE_INTERVAL_MS} ms meanwhile, waits for the server to drain between runs, and`,
    'compares each route with its physical bound. Writes results.json, report.md and report.html.',
    '',
    'Options:',
    ...lines,
    '',
    'Thresholds are fractions: --check-async-min 0.85 means 85 % of the bound.',
    'Run A vs run B: npm run load -- --compare A/results.json B/results.json [--out DIR] [--json]',
    'Exit codes: 0 done (and, with --check, every verdict passed); 1 a verdict failed under --check',
    'or the run failed; 2 bad options.',
    '',
    'Scenarios (--scenarios; the throughput pairs run by default, the others when named or when one',
    'of their own options is given):',
    ...scenarios.map((scenario) => `  ${scenario.name.padEnd(width)}${scenario.summary}`),
    ''
  ].join('\n')
}
