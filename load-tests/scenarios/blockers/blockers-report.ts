// The blockers scenario's verdicts: for each blocker, did its blocking route hold /health (its p99
// against the remedy's, with --check-health-min) and serve about its serial bound (--check-sync-tolerance)?
import { formatMs, formatPercent, formatRatio } from '../../core/format.js'
import type { Thresholds } from '../../core/options.js'
import { thresholdCheck, withHeadline } from '../../core/pair-verdicts.js'
import type { RouteRun } from '../../core/route-run.js'
import type { Verdict } from '../../core/scenario.js'
import { ratio } from '../../core/statistics.js'

/** Runs come in pairs, remedy then blocking, labelled `<blocker> remedy` and `<blocker> blocking`. */
export function blockerVerdicts (runs: RouteRun[], thresholds: Thresholds): Verdict[] {
  const checks: Verdict[] = []
  const names = [...new Set(runs.map((run) => run.label.split(' ')[0] ?? run.label))]
  for (const name of names) {
    const remedy = runs.find((run) => run.label === `${name} remedy`)
    const blocking = runs.find((run) => run.label === `${name} blocking`)
    if (remedy === undefined || blocking === undefined) continue
    const healthRatio = ratio(blocking.health.p99Ms, remedy.health.p99Ms)
    const off = Math.abs(blocking.fractionOfBound - 1)
    checks.push(
      thresholdCheck(`${name}: /health p99 ${formatMs(blocking.health.p99Ms)} during ${blocking.path}, ${formatMs(remedy.health.p99Ms)} during ${remedy.path}: ` +
        `${formatRatio(healthRatio)} (threshold ≥ ${formatRatio(thresholds.healthMin)})`, 'check-health-min', healthRatio, '>=', thresholds.healthMin),
      thresholdCheck(`${name}: ${blocking.path} is ${formatPercent(off)} off its serial bound (threshold ± ${formatPercent(thresholds.syncTolerance)})`,
        'check-sync-tolerance', off, '<=', thresholds.syncTolerance)
    )
  }
  return withHeadline(`blockers: ${names.length} blocking routes against their remedies; every blocking one held /health and served one request at a time`, checks)
}
