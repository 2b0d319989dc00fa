// Runs the overhead benchmark: pins this process (autocannon) to one core and every server to the
// other, then measures the targets in rounds. In each round bare Fastify, the reference, is measured
// just before and just after every other target, so each target is compared with the reference of
// the same few seconds: on a shared machine the speed of the cores changes from one half-minute to
// the next by more than the costs measured here. Every process is new each round — bare Fastify's
// for the round, each other target's for its one measurement — because a process can also start
// slow and stay slow (bare Fastify once ran a whole bench at 26 µs per request, against 18 in
// others): such a process counts in one round, not in all of them, and the median leaves it out.
// Only one lab server runs at a time (an idle one still wakes its timers on the measured core).
// Each measurement is req/s from autocannon and the server's CPU time per request.
import { performance } from 'node:perf_hooks'
import { startServerProcess, type ServerProcess } from '../engine/server-process.js'
import { runAutocannon } from '../engine/autocannon-run.js'
import { describeEnvironment } from '../engine/environment.js'
import type { Environment } from '../core/results-schema.js'
import type { BenchOptions } from './bench-options.js'
import { cpuSeconds, pinningCores, pinProcess } from './process-cpu.js'
import { REFERENCE, TARGETS, type BenchTarget } from './targets.js'
import { nodeCommand, SERVER_ENTRY } from '../../src/node-flags.js'

export const BENCH_FORMAT = 'event-loop-lab/bench-results@2'

export interface Measurement {
  round: number
  /** The server process measured: bare Fastify's is one per round, every other target's new each round. */
  pid: number
  reqPerSec: number
  /** Server CPU time per answered request, in microseconds; null without /proc. */
  cpuUsPerRequest: number | null
  errors: number
  non2xx: number
  /** Bare Fastify's req/s around this measurement: the mean of its runs just before and just after; null for bare's own runs. */
  referenceReqPerSec: number | null
}

export interface TargetRuns {
  target: BenchTarget
  runs: Measurement[]
}

export interface BenchResults {
  format: typeof BENCH_FORMAT
  startedAt: string
  finishedAt: string
  options: BenchOptions
  environment: Environment
  /** Cores the server and autocannon ran on, or null when they were not pinned. */
  pinned: { server: number, client: number } | null
  targets: TargetRuns[]
}

const ENTRIES = { bare: 'dist/load-tests/bench/bare-fastify.js', app: SERVER_ENTRY }

/** The targets with their indexes, starting `offset` places further each round, so none is always first. */
function rotated<T> (items: T[], offset: number): Array<[number, T]> {
  const indexed = [...items.entries()]
  const start = offset % Math.max(1, items.length)
  return [...indexed.slice(start), ...indexed.slice(0, start)]
}

async function startTarget (target: BenchTarget, serverCore: number | null): Promise<ServerProcess> {
  // Bare Fastify runs with the server's Node flags too: the comparison is of the code, not of the runtime.
  const node = nodeCommand(ENTRIES[target.entry])
  return startServerProcess({
    command: serverCore === null ? node : ['taskset', '-c', String(serverCore), ...node],
    env: target.env,
    startTimeoutMs: 30_000,
    keepLogLines: 100
  })
}

async function measure (server: ServerProcess, target: BenchTarget, options: BenchOptions, round: number): Promise<Measurement> {
  const pid = server.child.pid ?? -1
  const cpuBefore = cpuSeconds(pid)
  const result = await runAutocannon({ url: `${server.url}${target.path}`, connections: options.connections, durationS: options.durationS, timeoutS: 10 })
  const cpuAfter = cpuSeconds(pid)
  const answered = result.requests.total
  const cpuUs = cpuBefore === null || cpuAfter === null || answered === 0 ? null : (cpuAfter - cpuBefore) * 1e6 / answered
  return {
    round,
    pid,
    // Answered requests over the run's actual length, not autocannon's per-second average of whole seconds.
    reqPerSec: answered / (result.duration > 0 ? result.duration : options.durationS),
    cpuUsPerRequest: cpuUs === null ? null : Math.round(cpuUs * 10) / 10,
    errors: result.errors,
    non2xx: result.non2xx,
    referenceReqPerSec: null
  }
}

async function warmUp (server: ServerProcess, target: BenchTarget, options: BenchOptions): Promise<void> {
  if (options.warmupS === 0) return
  await runAutocannon({ url: `${server.url}${target.path}`, connections: options.connections, durationS: options.warmupS, timeoutS: 10 })
}

/** Starts `target`, warms it up, measures it once and stops it again. */
async function measureAfresh (target: BenchTarget, serverCore: number | null, options: BenchOptions, round: number): Promise<Measurement> {
  const server = await startTarget(target, serverCore)
  try {
    await warmUp(server, target, options)
    return await measure(server, target, options, round)
  } finally {
    await server.stop()
  }
}

export async function runBench (options: BenchOptions, progress: (message: string) => void = () => {}): Promise<BenchResults> {
  const startedAt = new Date().toISOString()
  const environment = describeEnvironment()
  const cores = pinningCores()
  const pinned = cores !== null && pinProcess(process.pid, cores.client) ? cores : null
  const serverCore = pinned?.server ?? null
  const targets = TARGETS.filter((target) => options.targets.includes(target.name))
  const [reference, ...others] = targets
  if (reference?.name !== REFERENCE) throw new Error(`the first target must be ${REFERENCE}`)
  const runs: TargetRuns[] = targets.map((target) => ({ target, runs: [] }))
  const [referenceRuns, ...otherRuns] = runs as [TargetRuns, ...TargetRuns[]]
  const timed = async (label: string, measurement: () => Promise<Measurement>): Promise<Measurement> => {
    progress(label)
    const started = performance.now()
    const result = await measurement()
    progress(`${label}: ${Math.round(result.reqPerSec)} req/s in ${Math.round(performance.now() - started)} ms`)
    return result
  }

  for (let round = 1; round <= options.rounds; round++) {
    // Bare Fastify too is a new process each round: one started slow would otherwise skew every ratio.
    progress(`round ${round}/${options.rounds}: starting ${reference.name}`)
    const bare = await startTarget(reference, serverCore)
    try {
      await warmUp(bare, reference, options)
      const measureBare = async (): Promise<Measurement> => {
        const run = await timed(`round ${round}/${options.rounds}: ${reference.name} (${reference.path})`,
          async () => await measure(bare, reference, options, round))
        referenceRuns.runs.push(run)
        return run
      }
      let before = await measureBare()
      for (const [i, target] of rotated(others, round - 1)) {
        const run = await timed(`round ${round}/${options.rounds}: ${target.name} (${target.path}), started afresh`,
          async () => await measureAfresh(target, serverCore, options, round))
        const after = await measureBare()
        otherRuns[i]?.runs.push({ ...run, referenceReqPerSec: (before.reqPerSec + after.reqPerSec) / 2 })
        before = after
      }
    } finally {
      await bare.stop()
    }
  }
  return { format: BENCH_FORMAT, startedAt, finishedAt: new Date().toISOString(), options, environment, pinned, targets: runs }
}
