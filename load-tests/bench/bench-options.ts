// `npm run bench -- [options]`: what the overhead benchmark reads from its command line.
import { parseArgs } from 'node:util'
import { UsageError } from '../core/options.js'
import { REFERENCE, TARGETS } from './targets.js'

export interface BenchOptions {
  durationS: number
  rounds: number
  connections: number
  /** Load before each measurement of a freshly started target, not counted: the JIT warms up first. */
  warmupS: number
  /** Target names, the reference first. */
  targets: string[]
  out?: string
  json: boolean
  /** Exit 1 when a threshold below is not met. */
  check: boolean
  /** The default configuration's GET /health at least this fraction of bare Fastify's req/s. */
  minHealthRatio: number
  /** The default configuration's GET /async/delay?ms=0 at least this fraction of bare Fastify's req/s. */
  minAsyncRatio: number
}

/** The options' defaults: the parser's, and the ones --help shows. */
const DEFAULTS = { durationS: 2, rounds: 3, connections: 100, warmupS: 8, minHealthRatio: 0.85, minAsyncRatio: 0.8 }

/**
 * What a target costs besides its load, per round: starting its process until /health answers, and
 * stopping it (measured: 14.6 s a target and round at the defaults, 12 s of them load).
 */
const START_STOP_S = 2.6

/**
 * About how long a bench takes, in seconds: each round starts bare Fastify and warms it up, then
 * each other target in turn: its start, its warm-up, its slices and as many of bare's, its stop.
 */
export function estimatedBenchSeconds (options: Pick<BenchOptions, 'rounds' | 'warmupS' | 'durationS' | 'targets'>): number {
  const others = Math.max(0, options.targets.length - 1)
  return options.rounds * (options.warmupS + START_STOP_S + others * (options.warmupS + 2 * options.durationS + START_STOP_S))
}

const minutesAtDefaults = Math.round(estimatedBenchSeconds({ ...DEFAULTS, targets: TARGETS.map((target) => target.name) }) / 60)

export const BENCH_HELP = `npm run bench -- [options]

Bare Fastify, then the lab's server with each feature on in turn, each in its own process, all
measured in the same run, the server pinned to one core and autocannon to the other (with
taskset). In each round every target is started afresh, measured, and stopped; its load comes in
half-second slices that alternate with slices of bare Fastify's (a new process each round too), so
its ratio is to the reference of the same seconds.
Prints and writes a ratio table and a chart. At the defaults (every target, ${DEFAULTS.rounds} rounds) it takes
about ${minutesAtDefaults} minutes; fewer --targets or --rounds take less, and the run says its estimate as it starts.

  --duration S       seconds of each target's load per round, in half-second slices that alternate
                     with as many of bare Fastify's (default ${DEFAULTS.durationS})
  --rounds N         rounds over every target (default ${DEFAULTS.rounds}); ratios are medians over rounds, each round new processes
  --connections N    autocannon connections (default ${DEFAULTS.connections})
  --warmup S         load before each freshly started process is measured, not counted (default ${DEFAULTS.warmupS}:
                     the lab's server takes several seconds of load to reach its steady cost)
  --targets a,b      only these targets (bare Fastify is always measured): ${TARGETS.map((target) => target.name).join(', ')}
  --out DIR          where to write bench.json, bench.md, bench.html (default load-tests/results/bench-<time>/)
  --json             print the results as JSON instead of the table
  --check            exit 1 when a threshold is not met:
  --min-health R     default configuration /health ÷ bare req/s at least R (default ${DEFAULTS.minHealthRatio})
  --min-async R      default configuration /async/delay?ms=0 ÷ bare req/s at least R (default ${DEFAULTS.minAsyncRatio})
  --help             this text
`

function integer (text: string | undefined, flag: string, min: number, max: number, fallback: number): number {
  if (text === undefined) return fallback
  const value = /^\d+$/.test(text) ? Number(text) : NaN
  if (!(value >= min && value <= max)) throw new UsageError(`${flag} must be an integer from ${min} to ${max} (got ${text})`)
  return value
}

function fraction (text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback
  const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN
  if (!(value >= 0 && value <= 10)) throw new UsageError(`${flag} must be a number from 0 to 10 (got ${text})`)
  return value
}

export function parseBenchArgs (args: string[]): { help: true } | { help: false, options: BenchOptions } {
  let values
  try {
    ({ values } = parseArgs({
      args,
      options: {
        duration: { type: 'string' },
        rounds: { type: 'string' },
        connections: { type: 'string' },
        warmup: { type: 'string' },
        targets: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        check: { type: 'boolean', default: false },
        'min-health': { type: 'string' },
        'min-async': { type: 'string' },
        help: { type: 'boolean', default: false }
      }
    }))
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (values.help) return { help: true }
  const known = new Set(TARGETS.map((target) => target.name))
  const named = values.targets?.split(',').map((name) => name.trim()).filter((name) => name !== '')
  const unknown = named?.filter((name) => !known.has(name)) ?? []
  if (unknown.length > 0) throw new UsageError(`--targets: unknown ${unknown.join(', ')} (known: ${[...known].join(', ')})`)
  return {
    help: false,
    options: {
      durationS: integer(values.duration, '--duration', 1, 600, DEFAULTS.durationS),
      rounds: integer(values.rounds, '--rounds', 1, 50, DEFAULTS.rounds),
      connections: integer(values.connections, '--connections', 1, 1000, DEFAULTS.connections),
      warmupS: integer(values.warmup, '--warmup', 0, 60, DEFAULTS.warmupS),
      targets: named === undefined ? [...known] : [REFERENCE, ...named.filter((name) => name !== REFERENCE)],
      ...(values.out === undefined ? {} : { out: values.out }),
      json: values.json,
      check: values.check,
      minHealthRatio: fraction(values['min-health'], '--min-health', DEFAULTS.minHealthRatio),
      minAsyncRatio: fraction(values['min-async'], '--min-async', DEFAULTS.minAsyncRatio)
    }
  }
}
