// The environment, validated once at start-up: a bad value stops the process with one line that
// names the variable, instead of surfacing later as a strange runtime failure.
import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { availableParallelism } from 'node:os'
import { describeAllowed, showValue } from './schema-text.js'
import { coerceProperties } from './strict-coercion.js'
import { FAULT_LIST_PATTERN, FAULTS } from './faults.js'

const MAX_CONFIGURABLE_MS = 10 * 60 * 1000

export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'TCP port to listen on; 0 picks a free one.' }),
  HOST: Type.String({ minLength: 1, maxLength: 255, default: '127.0.0.1', description: 'Address to bind; the container sets 0.0.0.0.' }),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)), {
    default: 'info',
    description: 'pino log level.'
  }),
  SLOW_REQUEST_MS: Type.Integer({
    minimum: 0,
    maximum: MAX_CONFIGURABLE_MS,
    default: 1000,
    description: 'One warn line for each request that took at least this long (receipt to answer), naming its route and request id; 0 = none. ' +
      'No line per request otherwise, except at LOG_LEVEL=debug or trace, which logs every request.'
  }),
  METRICS: Type.Boolean({
    default: true,
    description: 'false: no GET /metrics and no per-request duration histogram (nothing recorded per request).'
  }),
  LOOP_STATS: Type.Boolean({
    default: true,
    description: 'false: no GET /stats, no event-loop delay monitor and no per-route in-flight count.'
  }),
  REQUEST_IDS: Type.Boolean({
    default: true,
    description: 'true: the caller\'s `x-request-id` is kept when short and plain, and sent back; an answer with a log line (error, slow, stall, debug) carries its id too. ' +
      'false: a counter only, in the logs, no header read or sent.'
  }),
  MAX_DELAY_MS: Type.Integer({
    minimum: 0,
    maximum: MAX_CONFIGURABLE_MS,
    default: 10000,
    description: 'Upper bound of every `ms` parameter: how long one request may hold (or wait on) the event loop.'
  }),
  SHUTDOWN_GRACE_MS: Type.Integer({
    minimum: 100,
    maximum: MAX_CONFIGURABLE_MS,
    default: 10000,
    description: 'On SIGTERM/SIGINT, how long in-flight requests get to finish before the process is stopped.'
  }),
  WORKERS: Type.Integer({
    minimum: 1,
    maximum: 1024,
    default: 1,
    description: 'Server processes (node:cluster workers), or `auto`: one per os.availableParallelism(). Each still blocks for every request it serves (docs/scaling-out.md).'
  }),
  COMPUTE_POOL_SIZE: Type.Integer({
    minimum: 1,
    maximum: 256,
    default: availableParallelism(),
    // The default depends on the machine: the docs name where it comes from, not this machine's number.
    documentedDefault: 'os.availableParallelism()',
    description: 'Worker threads of the /worker/compute pool.'
  }),
  JOBS_MAX: Type.Integer({
    minimum: 1,
    maximum: 100000,
    default: 1000,
    description: 'How many jobs (POST /jobs) the server keeps at once; beyond that POST /jobs answers 503 with Retry-After.'
  }),
  JOB_TTL_MS: Type.Integer({
    minimum: 0,
    maximum: MAX_CONFIGURABLE_MS,
    default: 60000,
    description: 'How long a finished job stays readable before it is forgotten (then GET /jobs/:id answers 404).'
  }),
  SHED_LOAD: Type.Boolean({
    default: false,
    description: 'true: answer 503 + Retry-After instead of queueing while the event loop is overloaded (off: the collapse stays visible). Needs at least one of the two thresholds below.'
  }),
  MAX_EVENT_LOOP_DELAY_MS: Type.Integer({
    minimum: 0,
    maximum: MAX_CONFIGURABLE_MS,
    default: 0,
    description: 'With SHED_LOAD: shed while the mean event-loop delay over the last 100 ms sample exceeds this, ' +
      'and shed any request that arrives while the loop is this many ms late in its current turn ' +
      '(since it last ran its timers: a burst read in one turn is shed too); 0 = not checked.'
  }),
  MAX_EVENT_LOOP_UTILIZATION: Type.Number({
    minimum: 0,
    maximum: 1,
    default: 0,
    description: 'With SHED_LOAD: shed while event-loop utilisation over the last 100 ms sample exceeds this; 0 = not checked. Sampled only: on its own it does not bound the wait of the requests it lets in.'
  }),
  STALL_WARN_MS: Type.Integer({
    minimum: 0,
    maximum: MAX_CONFIGURABLE_MS,
    default: 100,
    description: 'Log one warning, with the request and the JavaScript stack, when the event loop is held this long or longer; 0 = no stall detector.'
  }),
  LAB_RUNS: Type.Boolean({
    default: true,
    description: 'false: POST /lab/runs answers 403, so the page at /lab only watches (load runs spawn a load generator against this server).'
  }),
  UPSTREAM_URL: Type.Optional(Type.String({
    pattern: '^https?://[^\\s]+$',
    maxLength: 2048,
    title: 'an http:// or https:// URL of at most 2048 characters',
    description: 'Base URL of the slow upstream that the fetch pair and examples 5–8 call; unset: the server starts its own in a worker thread.'
  })),
  UV_THREADPOOL_SIZE: Type.Integer({
    minimum: 1,
    maximum: 1024,
    default: 4,
    description: 'Threads in libuv\'s pool (crypto.pbkdf2, fs, dns.lookup, zlib). libuv reads it itself at first use; validated here and reported by the hash pair.'
  }),
  LAB_FAULTS: Type.Optional(Type.String({
    pattern: FAULT_LIST_PATTERN,
    title: `a comma-separated list of: ${Object.keys(FAULTS).join(', ')}`,
    description: 'Tests only: faults injected into the lab\'s own workers, each once (src/faults.ts, docs/robustness.md). Unset: none.'
  }))
})

export type Config = Static<typeof ConfigSchema>

// Words a variable accepts besides its schema's values, and what each one stands for.
const NAMED_VALUES: Partial<Record<keyof Config, Record<string, () => number>>> = {
  WORKERS: { auto: () => availableParallelism() }
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Reads the variables this service knows from `env`; throws ConfigError naming the first bad one. */
export function loadConfig (env: NodeJS.ProcessEnv = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(ConfigSchema.properties)
      .filter((name) => env[name] !== undefined)
      .map((name) => [name, NAMED_VALUES[name as keyof Config]?.[env[name] ?? '']?.() ?? env[name]])
  )
  coerceProperties(ConfigSchema, known)
  const candidate = Value.Default(ConfigSchema, known)
  const [first] = Value.Errors(ConfigSchema, candidate)
  if (first !== undefined) {
    const name = first.path.replace(/^\//, '')
    const names = Object.keys(NAMED_VALUES[name as keyof Config] ?? {})
    const allowed = [describeAllowed(first.schema as TSchema), ...names].join(' or ')
    throw new ConfigError(`${name} must be ${allowed} (got ${showValue(env[name])})`)
  }
  const config = candidate as Config
  if (config.SHED_LOAD && config.MAX_EVENT_LOOP_DELAY_MS === 0 && config.MAX_EVENT_LOOP_UTILIZATION === 0) {
    throw new ConfigError('SHED_LOAD=true needs a threshold: MAX_EVENT_LOOP_DELAY_MS and/or MAX_EVENT_LOOP_UTILIZATION above 0')
  }
  return config
}

/** loadConfig for an entry point: a bad variable ends the process with exit code 1 and one line on stderr. */
export function loadConfigOrExit (env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(`event-loop-lab: invalid configuration: ${error.message}\n`)
    process.exit(1)
  }
}
