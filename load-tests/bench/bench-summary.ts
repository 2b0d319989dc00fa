// From the measurements to the numbers people read: per target, the median over rounds of its req/s
// divided by bare Fastify's in the slices alternating with its own, the lowest and highest of those
// ratios (the spread), and the same for its CPU time per request against bare Fastify's.
import { percentile, ratio } from '../core/statistics.js'
import type { BenchResults, TargetRuns } from './run-bench.js'
import { DEFAULT_ASYNC, DEFAULT_HEALTH } from './targets.js'

export interface TargetSummary {
  name: string
  label: string
  path: string
  /** Median req/s over the rounds. */
  reqPerSec: number | null
  /** Per round: this target's req/s ÷ the reference's in the slices alternating with it (1 for the reference itself). */
  ratios: Array<number | null>
  /** Median of `ratios`, and the lowest and highest. */
  ratio: number | null
  ratioMin: number | null
  ratioMax: number | null
  /** Median server CPU time per request (µs), and the median over rounds of the reference's ÷ this one (1 = as cheap as bare). */
  cpuUsPerRequest: number | null
  cpuRatio: number | null
  /** Median share of its core the server used while measured (1 = the server set the pace, not the client). */
  serverBusy: number | null
  errors: number
}

const median = (values: Array<number | null>): number | null => percentile(values.filter((value) => value !== null), 50)
const low = (values: Array<number | null>): number | null => percentile(values.filter((value) => value !== null), 0)
const high = (values: Array<number | null>): number | null => percentile(values.filter((value) => value !== null), 100)

function summarize (runs: TargetRuns): TargetSummary {
  const ratios = runs.runs.map((run) => ratio(run.reqPerSec, run.referenceReqPerSec ?? run.reqPerSec))
  const cpu = median(runs.runs.map((run) => run.cpuUsPerRequest))
  const cpuRatios = runs.runs.map((run) => ratio(run.referenceCpuUsPerRequest ?? run.cpuUsPerRequest, run.cpuUsPerRequest))
  return {
    name: runs.target.name,
    label: runs.target.label,
    path: runs.target.path,
    reqPerSec: median(runs.runs.map((run) => run.reqPerSec)),
    ratios,
    ratio: median(ratios),
    ratioMin: low(ratios),
    ratioMax: high(ratios),
    cpuUsPerRequest: cpu,
    cpuRatio: median(cpuRatios),
    serverBusy: median(runs.runs.map((run) => run.serverBusy)),
    errors: runs.runs.reduce((sum, run) => sum + run.errors + run.non2xx, 0)
  }
}

export function summarizeBench (results: BenchResults): TargetSummary[] {
  return results.targets.map(summarize)
}

export interface BenchCheck {
  name: string
  text: string
  measured: number | null
  threshold: number
  passed: boolean
}

/** The bar: the default configuration close to bare Fastify, for /health and for the async route. */
export function benchChecks (results: BenchResults, summaries: TargetSummary[]): BenchCheck[] {
  const wanted: Array<[string, number]> = [[DEFAULT_HEALTH, results.options.minHealthRatio], [DEFAULT_ASYNC, results.options.minAsyncRatio]]
  return wanted.flatMap(([name, threshold]) => {
    const summary = summaries.find((candidate) => candidate.name === name)
    if (summary === undefined) return []
    const passed = summary.ratio !== null && summary.ratio >= threshold
    const measured = summary.ratio === null ? '–' : summary.ratio.toFixed(2)
    return [{ name, text: `${summary.label}: ${measured} of bare Fastify's req/s (median of ${summary.ratios.length} rounds; wanted ≥ ${threshold})`, measured: summary.ratio, threshold, passed }]
  })
}
