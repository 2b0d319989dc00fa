// The scale scenario end to end with tiny settings: the load test starts a server of 1 process and one
// of 2 (WORKERS) and loads the delay pair on each. Logical properties only, with wide margins; the
// ≥ 1.8× target is `npm run load -- --scenarios scale --workers 1,2` (docs/scaling-out.md).
import { expect, it } from 'vitest'
import { DEFAULT_OPTIONS } from '../../../../load-tests/core/options.js'
import { runLoadTest } from '../../../../load-tests/engine/run-load-test.js'
import { SCENARIOS } from '../../../../load-tests/scenarios/index.js'
import type { ScaleRun } from '../../../../load-tests/scenarios/scale/scale-report.js'

it('2 processes serve the blocking route faster than 1, each answering; /health still waits under blocking load', async () => {
  const results = await runLoadTest({
    ...DEFAULT_OPTIONS,
    scenarios: ['scale'],
    ms: 20,
    connections: 10,
    durationS: 2,
    warmupS: 0,
    scenarioOptions: { workers: [2, 1] }
  }, SCENARIOS)
  const [scenario] = results.scenarios
  const [one, two] = (scenario?.raw as { runs: ScaleRun[] }).runs

  expect([one?.processes, two?.processes]).toEqual([1, 2])
  expect(one?.pids).toHaveLength(1)
  expect(two?.pids).toHaveLength(2)
  expect(two?.sync.bound.reqPerSec).toBe(2 * (one?.sync.bound.reqPerSec ?? 0))
  expect(two?.sync.reqPerSec).toBeGreaterThan(1.3 * (one?.sync.reqPerSec ?? Infinity))
  for (const run of [one, two]) {
    expect(run?.sync.errors).toBe(0)
    expect(run?.async.reqPerSec).toBeGreaterThan(3 * (run?.sync.reqPerSec ?? Infinity))
    expect(run?.sync.health.p50Ms).toBeGreaterThanOrEqual(20)
  }
  expect(scenario?.tables[0]?.rows).toHaveLength(4)
  expect(scenario?.charts).toHaveLength(2)
}, 180_000)
