// What `npm run bench` measures: bare Fastify, then the lab's server with everything per request off,
// then each feature on in turn, then the default configuration (what `npm start` and the container
// run). Every app target differs from `app, all off` by the variables it names.

export interface BenchTarget {
  /** Short name for --targets and the tables. */
  name: string
  /** What is on, for people. */
  label: string
  /** The built file to run: the bare fixture or the lab's server. */
  entry: 'bare' | 'app'
  path: string
  env: Record<string, string>
}

/** Everything with a per-request cost switched off: the app's own floor. */
const ALL_OFF = { LOG_LEVEL: 'warn', SLOW_REQUEST_MS: '0', METRICS: 'false', LOOP_STATS: 'false', REQUEST_IDS: 'false', SHED_LOAD: 'false', STALL_WARN_MS: '0' }

const app = (name: string, label: string, env: Record<string, string>, path = '/health'): BenchTarget =>
  ({ name, label, entry: 'app', path, env: { ...ALL_OFF, ...env } })

export const REFERENCE = 'bare'
export const DEFAULT_HEALTH = 'default'
export const DEFAULT_ASYNC = 'default-async'

export const TARGETS: BenchTarget[] = [
  { name: REFERENCE, label: 'bare Fastify, GET /hello, no logger', entry: 'bare', path: '/hello', env: {} },
  app('all-off', 'app, every feature off (LOG_LEVEL=warn)', {}),
  app('slow-log-warn', 'request logging: slow requests (SLOW_REQUEST_MS=1000), LOG_LEVEL=warn', { SLOW_REQUEST_MS: '1000' }),
  app('slow-log-info', 'request logging: slow requests, LOG_LEVEL=info (the default)', { SLOW_REQUEST_MS: '1000', LOG_LEVEL: 'info' }),
  app('log-every', 'request logging: every request (LOG_LEVEL=debug)', { LOG_LEVEL: 'debug' }),
  app('metrics', 'metrics (METRICS=true)', { METRICS: 'true' }),
  app('loop-stats', 'loop stats and in-flight counts (LOOP_STATS=true)', { LOOP_STATS: 'true' }),
  // The watchdog thread and the one callback per request that names the running request.
  app('stall-detector', 'stall detector (STALL_WARN_MS=100)', { STALL_WARN_MS: '100' }),
  app('request-ids', 'request ids and x-request-id (REQUEST_IDS=true)', { REQUEST_IDS: 'true' }),
  // A threshold the idle-enough server never reaches: what the checks cost, not what shedding refuses.
  app('shedding', 'load shedding on (SHED_LOAD=true, MAX_EVENT_LOOP_DELAY_MS=1000)', { SHED_LOAD: 'true', MAX_EVENT_LOOP_DELAY_MS: '1000' }),
  // The async route's own work (query validation, a turn of the loop, a work report), instrumentation off.
  app('all-off-async', 'app, every feature off, GET /async/delay?ms=0', {}, '/async/delay?ms=0'),
  { name: DEFAULT_HEALTH, label: 'app, default configuration, GET /health', entry: 'app', path: '/health', env: {} },
  { name: DEFAULT_ASYNC, label: 'app, default configuration, GET /async/delay?ms=0', entry: 'app', path: '/async/delay?ms=0', env: {} }
]
