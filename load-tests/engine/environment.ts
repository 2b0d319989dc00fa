// Where the numbers were measured: a result without its machine, its load and its commit cannot be
// compared with another one.
import { execFileSync } from 'node:child_process'
import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os'
import { Type, type Static } from '@sinclair/typebox'
import { PROJECT_ROOT } from './server-process.js'

export const EnvironmentSchema = Type.Object({
  node: Type.String(),
  platform: Type.String(),
  osRelease: Type.String(),
  cpuCount: Type.Integer(),
  cpuModel: Type.String(),
  totalMemoryMiB: Type.Integer(),
  /** 1, 5 and 15 minute load averages when the run started: other work on the machine skews results. */
  loadAverage: Type.Array(Type.Number()),
  gitCommit: Type.Union([Type.String(), Type.Null()]),
  gitDirty: Type.Union([Type.Boolean(), Type.Null()])
})

export type Environment = Static<typeof EnvironmentSchema>

export function describeEnvironment (): Environment {
  const commit = git(['rev-parse', 'HEAD'])
  const status = commit === null ? null : git(['status', '--porcelain', '--untracked-files=no'])
  return {
    node: process.version,
    platform: `${platform()} ${process.arch}`,
    osRelease: release(),
    cpuCount: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    totalMemoryMiB: Math.round(totalmem() / 2 ** 20),
    loadAverage: loadavg().map((load) => Math.round(load * 100) / 100),
    gitCommit: commit,
    gitDirty: status === null ? null : status.length > 0
  }
}

function git (args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim()
  } catch {
    return null
  }
}
