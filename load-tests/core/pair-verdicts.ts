// The verdicts of a blocking/non-blocking pair: the headline (how far throughput collapsed, and what
// it did to /health) and the four threshold checks that `--check` turns into the exit code.
import { formatMs, formatPercent, formatRate, formatRatio } from './format.js'
import type { Thresholds } from './options.js'
import type { RouteRun } from './route-run.js'
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

/** Verdicts for the first non-blocking and the first blocking run of `runs`. */
export function pairVerdicts (name: string, runs: RouteRun[], thresholds: Thresholds): Verdict[] {
  const fast = runs.find((run) => run.role === 'non-blocking')
  const slow = runs.find((run) => run.role === 'blocking')
  if (fast === undefined || slow === undefined) throw new Error(`${name}: a pair needs a non-blocking and a blocking route`)

  const collapse = ratio(fast.reqPerSec, slow.reqPerSec)
  const physical = fast.bound.reqPerSec / slow.bound.reqPerSec
  const healthRatio = ratio(slow.health.p99Ms, fast.health.p99Ms)
  const syncOff = Math.abs(slow.fractionOfBound - 1)
  const checks = [
    thresholdCheck(`${fast.path} reached ${formatPercent(fast.fractionOfBound)} of its bound (threshold ≥ ${formatPercent(thresholds.asyncMin)})`,
      'check-async-min', fast.fractionOfBound, '>=', thresholds.asyncMin),
    thresholdCheck(`${slow.path} is ${formatPercent(syncOff)} off its bound (threshold ± ${formatPercent(thresholds.syncTolerance)})`,
      'check-sync-tolerance', syncOff, '<=', thresholds.syncTolerance),
    thresholdCheck(`the collapse, ${formatRatio(collapse)}, is ${formatPercent(ratio(collapse, physical))} of the physical ratio ${formatRatio(physical)} (threshold ≥ ${formatPercent(thresholds.collapseMin)})`,
      'check-collapse-min', ratio(collapse, physical), '>=', thresholds.collapseMin),
    thresholdCheck(`/health p99 was ${formatRatio(healthRatio)} slower during the blocking run (threshold ≥ ${formatRatio(thresholds.healthMin)})`,
      'check-health-min', healthRatio, '>=', thresholds.healthMin)
  ]
  const headline = `${name}: blocking throughput collapsed ${formatRatio(collapse)} (${formatRate(slow.reqPerSec)} vs ${formatRate(fast.reqPerSec)} req/s; ` +
    `physical ratio ${formatRatio(physical)}); /health p99 ${formatMs(slow.health.p99Ms)} vs ${formatMs(fast.health.p99Ms)}`
  return withHeadline(headline, checks)
}
