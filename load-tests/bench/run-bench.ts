// Runs the overhead benchmark: starts every target's server (each in its own process, pinned to the
// server core), pins this process — autocannon — to the other core, then measures the targets in
// rounds, back to back, so a change in the machine's load falls on all of them alike. Each
// measurement is req/s from autocannon and the server's CPU time per request.
import { performance } from 'node:perf_hooks'
import { startServerProcess, type ServerProcess } from '../engine/server-process.js'
import { runAutocannon } from '../engine/autocannon-run.js'
import { describeEnvironment } from '../engine/environment.js'
import type { Environment } from '../core/results-schema.js'
import type { BenchOptions } from './bench-options.js'
import { cpuSeconds, pinningCores, pinProcess } from './process-cpu.js'
import { TARGETS, type BenchTarget } from './targets.js'
import { nodeCommand, SERVER_ENTRY } from '../../src/node-flags.js'

export const BENCH_FORMAT = 'event-loop-lab/bench-results@1'

export interface Measurement {
  round: number
  reqPerSec: number
  /** Server CPU time per answered request, in microseconds; null without /proc. */
  cpuUsPerRequest: number | null
  errors: number
  non2xx: number
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

async function measure (server: ServerProcess, target: BenchTarget, options: BenchOptions, durationS: number, round: number): Promise<Measurement> {
  const pid = server.child.pid ?? -1
  const cpuBefore = cpuSeconds(pid)
  const result = await runAutocannon({ url: `${server.url}${target.path}`, connections: options.connections, durationS, timeoutS: 10 })
  const cpuAfter = cpuSeconds(pid)
  const answered = result.requests.total
  const cpuUs = cpuBefore === null || cpuAfter === null || answered === 0 ? null : (cpuAfter - cpuBefore) * 1e6 / answered
  return {
    round,
    // Answered requests over the run's actual length, not autocannon's per-second average of whole seconds.
    reqPerSec: answered / (result.duration > 0 ? result.duration : durationS),
    cpuUsPerRequest: cpuUs === null ? null : Math.round(cpuUs * 10) / 10,
    errors: result.errors,
    non2xx: result.non2xx
  }
}

export async function runBench (options: BenchOptions, progress: (message: string) => void = () => {}): Promise<BenchResults> {
  const startedAt = new Date().toISOString()
  const environment = describeEnvironment()
  const cores = pinningCores()
  const pinned = cores !== null && pinProcess(process.pid, cores.client) ? cores : null
  const targets = TARGETS.filter((target) => options.targets.includes(target.name))
  const servers: ServerProcess[] = []
  try {
    for (const target of targets) {
      progress(`starting ${target.name}`)
      servers.push(await startTarget(target, pinned?.server ?? null))
    }
    const runs: TargetRuns[] = targets.map((target) => ({ target, runs: [] }))
    for (let round = 1; round <= options.rounds; round++) {
      for (const [i, target] of rotated(targets, round - 1)) {
        const server = servers[i] as ServerProcess
        if (round === 1 && options.warmupS > 0) {
          progress(`warming up ${target.name}`)
          await runAutocannon({ url: `${server.url}${target.path}`, connections: options.connections, durationS: options.warmupS, timeoutS: 10 })
        }
        progress(`round ${round}/${options.rounds}: ${target.name} (${target.path})`)
        const started = performance.now()
        runs[i]?.runs.push(await measure(server, target, options, options.durationS, round))
        progress(`round ${round}/${options.rounds}: ${target.name} done in ${Math.round(performance.now() - started)} ms`)
      }
    }
    return { format: BENCH_FORMAT, startedAt, finishedAt: new Date().toISOString(), options, environment, pinned, targets: runs }
  } finally {
    await Promise.all(servers.map(async (server) => server.stop()))
  }
}
