// Scaling out against blocking code: the delay pair on servers of 1, 2, … processes (WORKERS, node:cluster).
// The blocking route's bound grows with the processes (N × 1000 / ms), the non-blocking route's never
// depended on them, and /health during blocking load still waits, with any number of processes: each
// process still stalls for everyone it serves. The servers are started here, one per process count.
import { Type } from '@sinclair/typebox'
import { concurrentBound, processesBound } from '../../core/bounds.js'
import { UsageError } from '../../core/options.js'
import type { Scenario, ScenarioContext } from '../../core/scenario.js'
import { runRoute } from '../../engine/route-comparison.js'
import { waitForProcesses } from './processes.js'
import { scaleCharts, scaleTable, scaleVerdicts, type ScaleRun } from './scale-report.js'

const DEFAULT_WORKERS = [1, 2]
const DEFAULT_SCALE_MIN = 0.9
const PROCESSES_TIMEOUT_MS = 30_000

const WORKERS_OPTION = {
  flag: 'workers',
  value: 'N,…',
  help: `server processes to compare (WORKERS of each server started), e.g. 1,2,4 (default ${DEFAULT_WORKERS.join(',')})`,
  schema: Type.Array(Type.Integer({ minimum: 1, maximum: 64 }), { minItems: 1, maxItems: 8 })
}
const SCALE_MIN_OPTION = {
  flag: 'check-scale-min',
  value: 'F',
  help: `--check: blocking route's req/s with N processes at least this fraction of N × its req/s with the fewest (default ${DEFAULT_SCALE_MIN})`,
  schema: Type.Number({ minimum: 0, maximum: 100 })
}

async function runProcesses (ctx: ScenarioContext, processes: number): Promise<ScaleRun> {
  const { ms, connections } = ctx.options
  if (ctx.startServer === undefined) throw new UsageError('scale starts its own servers (one per --workers count): run it without --url')
  ctx.progress(`starting a server with WORKERS=${processes}`)
  const server = await ctx.startServer({ WORKERS: String(processes) })
  try {
    const pids = await waitForProcesses(server.url, processes, PROCESSES_TIMEOUT_MS)
    const label = `${processes} process${processes === 1 ? '' : 'es'}`
    const async = await runRoute(ctx, { label: `async, ${label}`, path: `/async/delay?ms=${ms}`, role: 'non-blocking', bound: concurrentBound(ms), baseUrl: server.url }, connections)
    const sync = await runRoute(ctx, { label: `sync, ${label}`, path: `/sync/delay?ms=${ms}`, role: 'blocking', bound: processesBound(processes, ms), baseUrl: server.url }, connections)
    return { processes, pids, async, sync }
  } finally {
    await server.stop()
  }
}

export const scaleScenario: Scenario = {
  name: 'scale',
  summary: '--workers 1,2: the delay pair on servers of 1 and N processes (node:cluster): blocking req/s against N × 1000 / ms, async req/s, /health under blocking load',
  runsByDefault: false,
  requires: ['/async/delay', '/sync/delay', '/stats'],
  options: [WORKERS_OPTION, SCALE_MIN_OPTION],
  run: async (ctx) => {
    const requested = (ctx.options.scenarioOptions.workers as number[] | undefined) ?? DEFAULT_WORKERS
    const scaleMin = (ctx.options.scenarioOptions['check-scale-min'] as number | undefined) ?? DEFAULT_SCALE_MIN
    const runs: ScaleRun[] = []
    for (const processes of [...new Set(requested)].sort((a, b) => a - b)) runs.push(await runProcesses(ctx, processes))
    return {
      title: `scale: the delay pair on ${runs.map((run) => run.processes).join(', ')} process${runs.length === 1 && runs[0]?.processes === 1 ? '' : 'es'}`,
      tables: [scaleTable(runs, ctx.options.ms)],
      verdicts: scaleVerdicts(runs, ctx.options, scaleMin),
      charts: scaleCharts(runs),
      raw: { runs }
    }
  }
}
