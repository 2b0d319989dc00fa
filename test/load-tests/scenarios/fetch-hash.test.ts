// The fetch and hash scenarios end to end through the load-test engine, against the built server it
// starts itself, with tiny settings: logical properties only, never speed targets.
import { availableParallelism } from 'node:os'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_OPTIONS } from '../../../load-tests/core/options.js'
import type { RouteComparisonRaw, RouteRun } from '../../../load-tests/core/route-run.js'
import { runLoadTest } from '../../../load-tests/engine/run-load-test.js'
import { SCENARIOS } from '../../../load-tests/scenarios/index.js'
import type { LoadResults } from '../../../load-tests/core/results-schema.js'

const MS = 20
const CONNECTIONS = 10

let results: LoadResults
beforeAll(async () => {
  results = await runLoadTest({ ...DEFAULT_OPTIONS, scenarios: ['fetch', 'hash'], ms: MS, connections: CONNECTIONS, durationS: 1 }, SCENARIOS)
}, 90_000)

function runs (name: string): [RouteRun, RouteRun] {
  const raw = results.scenarios.find((scenario) => scenario.name === name)?.raw as RouteComparisonRaw
  const [fast, slow] = raw.runs
  if (fast === undefined || slow === undefined) throw new Error(`${name}: two runs expected`)
  return [fast, slow]
}

it('runs the two scenarios asked for, each with its table, verdicts and charts', () => {
  expect(results.scenarios.map((scenario) => scenario.name)).toEqual(['fetch', 'hash'])
  for (const scenario of results.scenarios) {
    expect(scenario.tables.length).toBeGreaterThan(0)
    expect(scenario.verdicts[0]?.text).toMatch(new RegExp(`^${scenario.name}: blocking throughput collapsed`))
    expect(scenario.charts.length).toBeGreaterThanOrEqual(3)
  }
})

describe('fetch', () => {
  it('loads /async/fetch and /sync/fetch with the delay pair\'s bounds, t measured: at least the upstream\'s wait', () => {
    const [fast, slow] = runs('fetch')
    expect([fast.path, slow.path]).toEqual([`/async/fetch?ms=${MS}`, `/sync/fetch?ms=${MS}`])
    const tMs = Number(/1000 \/ (\d+(?:\.\d)?) ms/.exec(slow.bound.formula)?.[1])
    expect(tMs).toBeGreaterThanOrEqual(MS)
    expect(tMs).toBeLessThan(MS + 50)
    expect(fast.bound.reqPerSec).toBeCloseTo(CONNECTIONS * 1000 / tMs)
    expect(slow.bound.reqPerSec).toBeCloseTo(1000 / tMs)
    expect(slow.bound.formula).toMatch(/t measured: median of 5 calls one at a time/)
  })

  it('the blocking client serves far fewer requests: async req/s > 3 × sync req/s, no errors', () => {
    const [fast, slow] = runs('fetch')
    expect(fast.reqPerSec).toBeGreaterThan(3 * slow.reqPerSec)
    expect(fast.errors + slow.errors + fast.non2xx + slow.non2xx).toBe(0)
  })
})

describe('hash', () => {
  it('loads both routes with the calibrated iterations; the async bound is min(threadpool, cores) times the sync bound', () => {
    const [fast, slow] = runs('hash')
    const iterations = /iterations=(\d+)$/.exec(fast.path)?.[1]
    expect(Number(iterations)).toBeGreaterThan(0)
    expect([fast.path, slow.path]).toEqual([`/async/hash?iterations=${iterations}`, `/sync/hash?iterations=${iterations}`])
    // The pool size the calibration read from the server (its UV_THREADPOOL_SIZE), as the bound states it.
    const [, threadpoolSize, cores] = /min\(UV_THREADPOOL_SIZE (\d+), (\d+) cores\)/.exec(fast.bound.formula) ?? []
    expect(Number(threadpoolSize)).toBeGreaterThan(0)
    expect(Number(cores)).toBe(availableParallelism())
    expect(fast.bound.reqPerSec / slow.bound.reqPerSec).toBeCloseTo(Math.min(Number(threadpoolSize), availableParallelism(), CONNECTIONS))
    expect(slow.bound.formula).toMatch(/^1000 \/ \d+(\.\d)? ms, one request at a time; t measured: median of 5 calibration requests/)
  })

  it('every request is answered; /health waits behind the blocking hashes, not behind the threadpool ones', () => {
    const [fast, slow] = runs('hash')
    expect(fast.errors + slow.errors + fast.non2xx + slow.non2xx).toBe(0)
    expect(slow.health.p99Ms).toBeGreaterThan(2 * (fast.health.p99Ms ?? Infinity))
  })
})
