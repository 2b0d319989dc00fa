// The compute scenario end to end with tiny settings, against the built server it starts itself.
import { availableParallelism } from 'node:os'
import { Value } from '@sinclair/typebox/value'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_OPTIONS } from '../../../../load-tests/core/options.js'
import { LoadResultsSchema, type LoadResults } from '../../../../load-tests/core/results-schema.js'
import { RouteComparisonRawSchema, type RouteComparisonRaw } from '../../../../load-tests/core/route-run.js'
import { runLoadTest } from '../../../../load-tests/engine/run-load-test.js'
import { SCENARIOS } from '../../../../load-tests/scenarios/index.js'
import { computeConnections, littlesLawRate } from '../../../../load-tests/scenarios/compute/compute.js'
import type { RouteRun } from '../../../../load-tests/core/route-run.js'
import { skipWithoutChromium } from '../../../helpers/chromium.js'
import { expectEveryChartDrawn } from '../../../helpers/report-in-browser.js'

const MS = 20
const REQUESTED_CONNECTIONS = 4
const DURATION_S = 1

let results: LoadResults
beforeAll(async () => {
  results = await runLoadTest({ ...DEFAULT_OPTIONS, scenarios: ['compute'], ms: MS, connections: REQUESTED_CONNECTIONS, durationS: DURATION_S }, SCENARIOS)
}, 60_000)

it('loads the pool, the sliced loop and the held loop in turn, each against its bound', () => {
  expect([...Value.Errors(LoadResultsSchema, results)]).toEqual([])
  const [scenario] = results.scenarios
  expect(scenario?.name).toBe('compute')
  const raw = scenario?.raw as RouteComparisonRaw
  expect([...Value.Errors(RouteComparisonRawSchema, raw)]).toEqual([])
  // The server's pool defaults to one worker per core (COMPUTE_POOL_SIZE), so its parallelism is the cores.
  const cores = availableParallelism()
  const connections = computeConnections(REQUESTED_CONNECTIONS, MS, DURATION_S, cores)
  expect(raw.runs.map((run) => [run.path, run.bound.reqPerSec])).toEqual([
    [`/worker/compute?ms=${MS}`, Math.min(connections, cores) * 1000 / MS],
    [`/cooperative/compute?ms=${MS}`, 1000 / MS],
    [`/sync/compute?ms=${MS}`, 1000 / MS]
  ])
  expect(raw.runs[0]?.bound.formula).toBe(`min(${connections} connections, min(pool of ${cores}, ${cores} cores) = ${cores}) × 1000 / ${MS} ms`)
  for (const run of raw.runs) {
    expect(run.completed).toBeGreaterThan(0)
    expect(run.errors).toBe(0)
  }
})

it('has the pair\'s four checks and the cooperative route\'s two, under their --check options', () => {
  const verdicts = results.scenarios[0]?.verdicts ?? []
  expect(verdicts[0]?.text).toMatch(/^compute: blocking throughput collapsed .*; sliced on the loop .* req\/s \(Little's law\) with \/health p99 /)
  expect(verdicts.slice(1).map((verdict) => verdict.check?.option)).toEqual([
    'check-async-min', 'check-sync-tolerance', 'check-collapse-min', 'check-health-min', 'check-sync-tolerance', 'check-health-min'
  ])
  // Each check reads its own measurement against the default threshold of its option, both ways.
  const thresholds: Record<string, number> = {
    'check-async-min': DEFAULT_OPTIONS.thresholds.asyncMin,
    'check-sync-tolerance': DEFAULT_OPTIONS.thresholds.syncTolerance,
    'check-collapse-min': DEFAULT_OPTIONS.thresholds.collapseMin,
    'check-health-min': DEFAULT_OPTIONS.thresholds.healthMin
  }
  for (const { check, passed } of verdicts.slice(1)) {
    expect(check?.threshold).toBe(thresholds[check?.option ?? ''])
    expect(check?.measured).toEqual(expect.any(Number))
    const measured = check?.measured ?? NaN
    expect(passed).toBe(check?.comparison === '>=' ? measured >= (check?.threshold ?? NaN) : measured <= (check?.threshold ?? NaN))
  }
  expect(verdicts[0]?.passed).toBe(verdicts.slice(1).every((verdict) => verdict.passed))
})

it('holding the loop delays /health far more than slicing it: what the health checks measure', () => {
  const [, cooperative, sync] = (results.scenarios[0]?.raw as RouteComparisonRaw).runs
  // 20 ms held per request vs 1 ms slices: /health waits for a whole request, not a slice.
  expect(sync?.health.p99Ms).toBeGreaterThan(2 * (cooperative?.health.p99Ms ?? Infinity))
})

it.each([
  // requested, ms, duration, pool parallelism → connections
  [100, 50, 5, 2, 20], [10, 50, 5, 2, 10], [100, 500, 5, 2, 4], [100, 10, 5, 2, 100], [3, 500, 1, 8, 3]
])('compute caps %i connections at %i ms for %i s (parallelism %i) to %i: 5 cooperative rounds per run, 2 tasks per pool thread', (requested, ms, durationS, parallelism, expected) => {
  expect(computeConnections(requested, ms, durationS, parallelism)).toBe(expected)
})

it('the cooperative steady rate is connections ÷ mean latency (Little\'s law), unknown without answers', () => {
  const run = (completed: number, mean: number) => ({ connections: 20, completed, latencyMs: { mean } }) as unknown as RouteRun
  expect(littlesLawRate(run(86, 1000))).toBe(20)
  expect(littlesLawRate(run(0, 0))).toBeNull()
})

describe.skipIf(skipWithoutChromium('report.html browser test'))('report.html', () => {
  it('draws the scenario\'s charts in headless Chromium', async () => {
    expect(results.scenarios[0]?.charts.map((chart) => chart.title)).toEqual([
      'Throughput against its bound, 4 connections', 'Request latency percentiles', '/health latency during each run',
      'Server-side event-loop delay during each run'
    ])
    await expectEveryChartDrawn(results)
  }, 30_000)
})
