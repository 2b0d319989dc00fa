// The few lines that say what was run where, shared by the markdown and HTML reports.
import type { LoadResults } from '../core/results-schema.js'
import type { ScenarioResult } from '../core/scenario.js'

/** What the markdown and HTML reports draw: a title, a few lines on what ran where, the scenarios. */
export interface ReportPage {
  title: string
  summaryLines: string[]
  scenarios: ScenarioResult[]
}

export function loadReportPage (results: LoadResults): ReportPage {
  return { title: reportTitle(results), summaryLines: runSummaryLines(results), scenarios: results.scenarios }
}

function reportTitle (results: LoadResults): string {
  return `Event Loop Lab load test, ${results.startedAt}`
}

function runSummaryLines (results: LoadResults): string[] {
  const { options, environment: env, target } = results
  const sweep = options.sweep === undefined ? '' : `, sweep ${options.sweep.join(', ')} connections`
  const commit = env.gitCommit === null ? 'not a git checkout' : `commit ${env.gitCommit.slice(0, 12)}${env.gitDirty === true ? ' (with uncommitted changes)' : ''}`
  return [
    `Target: ${target.url} (${target.embedded ? `built server started by the load test, ${serverEnvText(options.serverEnv)}` : 'given with --url'}).`,
    `Load: ${options.connections} connections, ${options.durationS} s per route, ms=${options.ms}${sweep}.`,
    `Machine: Node ${env.node}, ${env.platform}, ${env.cpuCount} × ${env.cpuModel}, ${env.totalMemoryMiB} MiB; ` +
      `load average ${env.loadAverage.join(' / ')} when the run started; ${commit}.`
  ]
}

/** The embedded server's environment as the runner sets it: LOG_LEVEL=warn unless --server-env says otherwise. */
function serverEnvText (serverEnv: string[] = []): string {
  const env = serverEnv.some((entry) => entry.startsWith('LOG_LEVEL=')) ? serverEnv : ['LOG_LEVEL=warn', ...serverEnv]
  return env.join(' ')
}
