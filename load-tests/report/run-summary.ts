// The few lines that say what was run where, shared by the markdown and HTML reports.
import type { LoadResults } from '../core/results-schema.js'

export function reportTitle (results: LoadResults): string {
  return `Event Loop Lab load test, ${results.startedAt}`
}

export function runSummaryLines (results: LoadResults): string[] {
  const { options, environment: env, target } = results
  const sweep = options.sweep === undefined ? '' : `, sweep ${options.sweep.join(', ')} connections`
  const commit = env.gitCommit === null ? 'not a git checkout' : `commit ${env.gitCommit.slice(0, 12)}${env.gitDirty === true ? ' (with uncommitted changes)' : ''}`
  return [
    `Target: ${target.url} (${target.embedded ? 'built server started by the load test, LOG_LEVEL=warn' : 'given with --url'}).`,
    `Load: ${options.connections} connections, ${options.durationS} s per route, ms=${options.ms}${sweep}.`,
    `Machine: Node ${env.node}, ${env.platform}, ${env.cpuCount} × ${env.cpuModel}, ${env.totalMemoryMiB} MiB; ` +
      `load average ${env.loadAverage.join(' / ')} when the run started; ${commit}.`
  ]
}
