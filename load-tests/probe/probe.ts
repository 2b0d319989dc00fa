// The probe from code: runs it, judges it, and returns the data results.json holds and the
// reports are drawn from.
import { describeEnvironment } from '../engine/environment.js'
import type { ProbeOptions } from './options.js'
import { probeScenario } from './report.js'
import { PROBE_RESULTS_FORMAT, type ProbeResults } from './results.js'
import { runProbe } from './run-probe.js'
import { judgeProbe } from './verdict.js'

/** Runs the probe and judges it: the data results.json holds. */
export async function probeResults (options: ProbeOptions, progress: (message: string) => void = () => {}): Promise<ProbeResults> {
  const startedAt = new Date().toISOString()
  const environment = describeEnvironment()
  const raw = await runProbe(options, progress)
  const judgement = judgeProbe(raw)
  return {
    format: PROBE_RESULTS_FORMAT,
    startedAt,
    finishedAt: new Date().toISOString(),
    options,
    environment,
    verdict: judgement.kind,
    scenarios: [probeScenario(options, raw, judgement)]
  }
}
