// The shedding scenario end to end with tiny settings: the load test starts the built server, then a
// second one with SHED_LOAD=true, and loads /sync/delay on each. Logical properties only.
import { expect, it } from 'vitest'
import { DEFAULT_OPTIONS } from '../../../../load-tests/core/options.js'
import { runLoadTest } from '../../../../load-tests/engine/run-load-test.js'
import { SCENARIOS } from '../../../../load-tests/scenarios/index.js'
import type { SheddingRun } from '../../../../load-tests/scenarios/shedding/shedding-report.js'

it('without shedding every request is served, late; with it some are refused and the accepted ones wait less', async () => {
  const results = await runLoadTest({ ...DEFAULT_OPTIONS, scenarios: ['shedding'], ms: 20, connections: 10, durationS: 2 }, SCENARIOS)
  const [scenario] = results.scenarios
  const [off, on] = (scenario?.raw as { runs: SheddingRun[] }).runs

  expect(off?.shedding?.enabled).toBe(false)
  expect(on?.shedding).toEqual({ enabled: true, maxEventLoopDelayMs: 20, maxEventLoopUtilization: 0 })
  expect(Object.keys(off?.run.statusCodes ?? {})).toEqual(['200'])
  expect(on?.run.statusCodes['503']).toBeGreaterThan(0)
  expect(on?.run.statusCodes['200']).toBeGreaterThan(0)
  expect(on?.run.latencyMs.p99).toBeLessThan(off?.run.latencyMs.p99 ?? 0)
  expect(off?.run.server?.eventLoopDelayMs.max).toBeGreaterThan(on?.run.server?.eventLoopDelayMs.max ?? Infinity)
  expect(scenario?.verdicts[0]?.passed).toBe(true)
  expect(scenario?.tables[0]?.rows).toHaveLength(2)
}, 60_000)
