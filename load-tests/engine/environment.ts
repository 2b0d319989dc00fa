// Where the numbers were measured: a result without its machine, its load and its commit cannot be
// compared with another one.
import { execFileSync } from 'node:child_process'
import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os'
import type { Environment } from '../core/results-schema.js'
import { PROJECT_ROOT } from '../core/project-root.js'

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
