// The verdicts of a blocking/non-blocking pair: the headline (how far throughput collapsed, and what
// it did to /health) and the four threshold checks that `--check` turns into the exit code.
import { formatLatency, formatMs, formatPercent, formatRate, formatRatio } from './format.js'
import type { Thresholds } from './options.js'
import type { RouteRun } from './route-run.js'
import type { OpenLoopRun } from './open-loop.js'
import type { Check, Verdict } from './scenario.js'
import { ratio } from './statistics.js'

/** A threshold check: passes when `measured comparison threshold`; an unmeasurable (null) value fails. */
export function thresholdCheck (text: string, option: string, measured: number | null, comparison: Check['comparison'], threshold: number): Verdict {
  const passed = measured !== null && (comparison === '>=' ? measured >= threshold : measured <= threshold)
  return { text, passed, check: { option, measured, threshold, comparison } }
}

/** A scenario's verdicts: a headline that passes when every check does, then the checks. */
export function withHeadline (text: string, checks: Verdict[]): Verdict[] {
  return [{ text, passed: checks.every((verdict) => verdict.passed) }, ...checks]
}

/**
 * Said when a non-blocking route falls short: how busy the server's loop was, and how much of the
 * machine the load generator took. A server whose loop was far from busy did not set the pace; on a
 * small machine the load generator's share is CPU the server did not get.
 */
function whoHadTheCpu (run: RouteRun): string {
  const server = run.server === null ? '' : `the server's event loop was busy ${formatPercent(run.server.eventLoopUtilization)} of the run and `
  return `; meanwhile ${server}the load generator took ${run.loadGenerator.cpuCores.toFixed(2)} of its machine's ${run.loadGenerator.machineCores} cores`
}

/**
 * A route against its bound: a non-blocking route must reach it (check-async-min), a blocking one
 * sit on it (check-sync-tolerance). One route's check, so a single run (the lab's) is judged alike.
 */
export function boundCheck (run: RouteRun, thresholds: Thresholds): Verdict {
  if (run.role === 'non-blocking') {
    const verdict = thresholdCheck(`${run.path} reached ${formatPercent(run.fractionOfBound)} of its bound (threshold ≥ ${formatPercent(thresholds.asyncMin)})`,
      'check-async-min', run.fractionOfBound, '>=', thresholds.asyncMin)
    return verdict.passed ? verdict : { ...verdict, text: verdict.text + whoHadTheCpu(run) }
  }
  const off = Math.abs(run.fractionOfBound - 1)
  return thresholdCheck(`${run.path} is ${formatPercent(off)} off its bound (threshold ± ${formatPercent(thresholds.syncTolerance)})`,
    'check-sync-tolerance', off, '<=', thresholds.syncTolerance)
}

/** Verdicts for the first non-blocking and the first blocking run of `runs`. */
export function pairVerdicts (name: string, runs: RouteRun[], thresholds: Thresholds, openLoop: OpenLoopRun[] = []): Verdict[] {
  const fast = runs.find((run) => run.role === 'non-blocking')
  const slow = runs.find((run) => run.role === 'blocking')
  if (fast === undefined || slow === undefined) throw new Error(`${name}: a pair needs a non-blocking and a blocking route`)

  const collapse = ratio(fast.reqPerSec, slow.reqPerSec)
  const physical = fast.bound.reqPerSec / slow.bound.reqPerSec
  const healthRatio = ratio(slow.health.p99Ms, fast.health.p99Ms)
  // Little's law for a closed loop: latency = connections ÷ throughput ≥ connections ÷ bound.
  const queueMs = (slow.connections * 1000) / slow.bound.reqPerSec
  const checks = [
    boundCheck(fast, thresholds),
    boundCheck(slow, thresholds),
    thresholdCheck(`the collapse, ${formatRatio(collapse)}, is ${formatPercent(ratio(collapse, physical))} of the physical ratio ${formatRatio(physical)} (threshold ≥ ${formatPercent(thresholds.collapseMin)})`,
      'check-collapse-min', ratio(collapse, physical), '>=', thresholds.collapseMin),
    thresholdCheck(`/health p99 was ${formatRatio(healthRatio)} slower during the blocking run (threshold ≥ ${formatRatio(thresholds.healthMin)})`,
      'check-health-min', healthRatio, '>=', thresholds.healthMin),
    thresholdCheck(`${slow.path} p99 ${formatLatency(slow.latencyMs.p99, slow.latencyIsLowerBound)} is ${formatPercent(ratio(slow.latencyMs.p99, queueMs))} of the queue it built, ` +
      `${slow.connections} × ${formatMs(queueMs / slow.connections)} = ${formatMs(queueMs)}; ${slow.requests.waitingAtClose} requests were waiting when the window closed (threshold ≥ ${formatPercent(thresholds.queueMin)})`,
    'check-queue-min', ratio(slow.latencyMs.p99, queueMs), '>=', thresholds.queueMin),
    ...openLoopChecks(openLoop, thresholds)
  ]
  const headline = `${name}: blocking throughput collapsed ${formatRatio(collapse)} (${formatRate(slow.reqPerSec)} vs ${formatRate(fast.reqPerSec)} req/s; ` +
    `physical ratio ${formatRatio(physical)}); /health p99 ${formatMs(slow.health.p99Ms)} vs ${formatMs(fast.health.p99Ms)}`
  return withHeadline(headline, checks)
}

/** With --rate: the blocking route's open-loop latency grows with time; the non-blocking twin's, for contrast, in the text. */
function openLoopChecks (openLoop: OpenLoopRun[], thresholds: Thresholds): Verdict[] {
  const slow = openLoop.find((run) => run.role === 'blocking')
  if (slow === undefined) return []
  const fast = openLoop.find((run) => run.role === 'non-blocking')
  const growth = ratio(slow.endMs, slow.startMs)
  const shown = (run: OpenLoopRun) => `${formatLatency(run.startMs, false)} → ${formatLatency(run.endMs, run.perSecond.at(-1)?.lowerBound ?? false)}`
  const twin = fast === undefined ? '' : `; ${fast.path} ${shown(fast)}, ${formatRatio(ratio(fast.endMs, fast.startMs))}`
  return [thresholdCheck(`open loop at ${formatRate(slow.rate)} req/s (${formatRatio(slow.rate / slow.bound.reqPerSec)} the bound of ${slow.path}): its latency grew ${shown(slow)} from the first second to the last, ` +
    `${formatRatio(growth)}${twin} (threshold ≥ ${formatRatio(thresholds.openGrowthMin)})`, 'check-open-growth-min', growth, '>=', thresholds.openGrowthMin)]
}
