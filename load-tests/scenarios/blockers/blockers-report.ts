// The blockers scenario's verdicts: for each blocker, did its blocking route hold /health while its
// remedy let it through (/health p99 during one against the other, --check-health-min)? Throughput
// is read against the bounds in the table, not checked: a blocker's time per call varies with the
// machine's load and its garbage (JSON, gzip and file reads allocate megabytes), unlike a busy-wait.
import { formatMs, formatRatio } from '../../core/format.js'
import type { Thresholds } from '../../core/options.js'
import { thresholdCheck, withHeadline } from '../../core/pair-verdicts.js'
import type { RouteRun } from '../../core/route-run.js'
import type { Verdict } from '../../core/scenario.js'
import { ratio } from '../../core/statistics.js'

/** Runs come in pairs labelled `<blocker> remedy` and `<blocker> blocking`. */
export function blockerVerdicts (runs: RouteRun[], thresholds: Thresholds): Verdict[] {
  const checks: Verdict[] = []
  const names = [...new Set(runs.map((run) => run.label.split(' ')[0] ?? run.label))]
  for (const name of names) {
    const remedy = runs.find((run) => run.label === `${name} remedy`)
    const blocking = runs.find((run) => run.label === `${name} blocking`)
    if (remedy === undefined || blocking === undefined) continue
    const healthRatio = ratio(blocking.health.p99Ms, remedy.health.p99Ms)
    checks.push(thresholdCheck(`${name}: /health p99 ${formatMs(blocking.health.p99Ms)} during ${blocking.path}, ` +
      `${formatMs(remedy.health.p99Ms)} during ${remedy.path}: ${formatRatio(healthRatio)} (threshold ≥ ${formatRatio(thresholds.healthMin)})`,
    'check-health-min', healthRatio, '>=', thresholds.healthMin))
  }
  return withHeadline(`blockers: each of ${names.length} blocking routes held /health, and its remedy let it through`, checks)
}
