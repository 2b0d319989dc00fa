// Runs the overhead benchmark: pins this process (autocannon) to one core and every server to the
// other, then measures the targets in rounds. In each round every target is started afresh and
// measured in short slices that alternate with slices of bare Fastify, the reference (bare, target,
// target, bare, bare, target...): on a shared machine the speed of the cores changes from one second
// to the next by more than the costs measured here (bare Fastify alone went from 33 000 to 54 000
// req/s between neighbouring 2-second runs), and slices half a second apart see the same machine.
// Every process is new each round — bare Fastify's for the round, each other target's for its one
// interleaved measurement — because a process can also start slow and stay slow (bare Fastify once
// ran a whole bench at 26 µs per request, against 18 in others): such a process counts in one round,
// not in all of them, and the median leaves it out. Only one lab server runs at a time, next to the
// round's bare Fastify (an idle one still wakes its timers on the measured core).
// Each measurement is req/s from autocannon and the server's CPU time per request.
import { performance } from 'node:perf_hooks'
import { startServerProcess, type ServerProcess } from '../engine/server-process.js'
import type autocannon from 'autocannon'
import { runAutocannonLean } from '../engine/autocannon-run.js'
import { describeEnvironment } from '../engine/environment.js'
import type { Environment } from '../core/results-schema.js'
import { estimatedBenchSeconds, type BenchOptions } from './bench-options.js'
import { cpuSeconds, pinningCores, pinProcess } from './process-cpu.js'
import { REFERENCE, TARGETS, type BenchTarget } from './targets.js'
import { nodeCommand, SERVER_ENTRY } from '../../src/node-flags.js'

export const BENCH_FORMAT = 'event-loop-lab/bench-results@3'

/** Seconds of one slice: a target's load alternates with bare Fastify's at this grain. */
export const SLICE_S = 0.5

export interface Measurement {
  round: number
  /** The server process measured: bare Fastify's is one per round, every other target's new each round. */
  pid: number
  /** For bare Fastify's runs, the target its slices alternated with; null for the targets' own. */
  against: string | null
  /** Slices of SLICE_S seconds this measurement adds up. */
  slices: number
  reqPerSec: number
  /** Server CPU time per answered request, in microseconds; null without /proc. */
  cpuUsPerRequest: number | null
  /**
   * The server's CPU time ÷ the slices' length: 1 when it used its whole core, so that it, not the
   * client, set the pace; well below 1, the client (or the machine) held it back. Null without /proc.
   */
  serverBusy: number | null
  errors: number
  non2xx: number
  /** Bare Fastify's req/s and CPU per request in the slices alternating with this measurement's; null for bare's own runs. */
  referenceReqPerSec: number | null
  referenceCpuUsPerRequest: number | null
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

interface Slice {
  answered: number
  seconds: number
  cpuSeconds: number | null
  errors: number
  non2xx: number
}

/** `durationS` of the bench's load on `target`, served by `server`. */
async function load (server: ServerProcess, target: BenchTarget, options: BenchOptions, durationS: number): Promise<autocannon.Result> {
  return await runAutocannonLean({ url: `${server.url}${target.path}`, connections: options.connections, durationS, timeoutS: 10 })
}

async function slice (server: ServerProcess, target: BenchTarget, options: BenchOptions): Promise<Slice> {
  const pid = server.child.pid ?? -1
  const cpuBefore = cpuSeconds(pid)
  const result = await load(server, target, options, SLICE_S)
  const cpuAfter = cpuSeconds(pid)
  return {
    answered: result.requests.total,
    // The slice's actual length, not the one asked for.
    seconds: result.duration > 0 ? result.duration : SLICE_S,
    cpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
    errors: result.errors,
    non2xx: result.non2xx
  }
}

/** One measurement from its slices: answered requests over their summed length, CPU over answered. */
function addUp (slices: Slice[], server: ServerProcess, round: number, against: string | null): Measurement {
  const answered = slices.reduce((sum, { answered }) => sum + answered, 0)
  const seconds = slices.reduce((sum, { seconds }) => sum + seconds, 0)
  const cpu = slices.some(({ cpuSeconds }) => cpuSeconds === null) ? null : slices.reduce((sum, { cpuSeconds }) => sum + (cpuSeconds ?? 0), 0)
  return {
    round,
    pid: server.child.pid ?? -1,
    against,
    slices: slices.length,
    reqPerSec: answered / seconds,
    cpuUsPerRequest: cpu === null || answered === 0 ? null : Math.round(cpu * 1e7 / answered) / 10,
    serverBusy: cpu === null ? null : Math.round(cpu * 100 / seconds) / 100,
    errors: slices.reduce((sum, { errors }) => sum + errors, 0),
    non2xx: slices.reduce((sum, { non2xx }) => sum + non2xx, 0),
    referenceReqPerSec: null,
    referenceCpuUsPerRequest: null
  }
}

async function warmUp (server: ServerProcess, target: BenchTarget, options: BenchOptions): Promise<void> {
  if (options.warmupS === 0) return
  await load(server, target, options, options.warmupS)
}

/**
 * Starts `target`, warms it up, measures it in slices alternating with the running bare Fastify's, and
 * stops it again. The order of each pair alternates too (bare first, then target first), so neither
 * always comes second.
 */
async function measureAgainstBare (target: BenchTarget, bare: ServerProcess, reference: BenchTarget, serverCore: number | null,
  options: BenchOptions, round: number): Promise<{ run: Measurement, bareRun: Measurement }> {
  const server = await startTarget(target, serverCore)
  try {
    await warmUp(server, target, options)
    const targetSlices: Slice[] = []
    const bareSlices: Slice[] = []
    const pairs = Math.max(1, Math.round(options.durationS / SLICE_S))
    for (let pair = 0; pair < pairs; pair++) {
      if (pair % 2 === 0) bareSlices.push(await slice(bare, reference, options))
      targetSlices.push(await slice(server, target, options))
      if (pair % 2 === 1) bareSlices.push(await slice(bare, reference, options))
    }
    const bareRun = addUp(bareSlices, bare, round, target.name)
    const run = addUp(targetSlices, server, round, null)
    return { run: { ...run, referenceReqPerSec: bareRun.reqPerSec, referenceCpuUsPerRequest: bareRun.cpuUsPerRequest }, bareRun }
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
  progress(`${others.length} target(s) against ${reference.name}, ${options.rounds} round(s): about ${Math.ceil(estimatedBenchSeconds(options) / 60)} min`)
  const runs: TargetRuns[] = targets.map((target) => ({ target, runs: [] }))
  const [referenceRuns, ...otherRuns] = runs as [TargetRuns, ...TargetRuns[]]
  for (let round = 1; round <= options.rounds; round++) {
    // Bare Fastify too is a new process each round: one started slow would otherwise skew every ratio.
    progress(`round ${round}/${options.rounds}: starting ${reference.name}`)
    const bare = await startTarget(reference, serverCore)
    try {
      await warmUp(bare, reference, options)
      for (const [i, target] of rotated(others, round - 1)) {
        const label = `round ${round}/${options.rounds}: ${target.name} (${target.path}), started afresh, alternating with ${reference.name}`
        progress(label)
        const started = performance.now()
        const { run, bareRun } = await measureAgainstBare(target, bare, reference, serverCore, options, round)
        progress(`${label}: ${Math.round(run.reqPerSec)} against ${Math.round(bareRun.reqPerSec)} req/s in ${Math.round(performance.now() - started)} ms`)
        otherRuns[i]?.runs.push(run)
        referenceRuns.runs.push(bareRun)
      }
    } finally {
      await bare.stop()
    }
  }
  return { format: BENCH_FORMAT, startedAt, finishedAt: new Date().toISOString(), options, environment, pinned, targets: runs }
}
