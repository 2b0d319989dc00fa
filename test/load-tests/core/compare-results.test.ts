import { describe, expect, it } from 'vitest'
import { compareResults, compareRouteRuns } from '../../../load-tests/core/compare-results.js'
import { DEFAULT_OPTIONS } from '../../../load-tests/core/options.js'
import { RESULTS_FORMAT, type LoadResults } from '../../../load-tests/core/results-schema.js'
import type { RouteRun } from '../../../load-tests/core/route-run.js'
import { routeRunFixture } from '../../fixtures/route-run.js'

const async = (perSecond: number[], latency: number[]): RouteRun => routeRunFixture({ role: 'non-blocking', perSecond, latencyPerSecondMs: latency })
const sync = (perSecond: number[], latency: number[]): RouteRun => routeRunFixture({ role: 'blocking', perSecond, latencyPerSecondMs: latency })

describe('one route, run A vs run B', () => {
  it('the same seconds, shuffled, are no significant difference', () => {
    const delta = compareRouteRuns('delay', async([1900, 1950, 1920, 1940, 1930], [51, 52, 51, 53, 52]), async([1940, 1900, 1930, 1950, 1920], [52, 51, 53, 52, 51]))
    expect(delta.verdict).toBe('no significant difference')
    expect(delta.reqPerSecChange).toBeCloseTo(0, 9)
    expect(delta.reqPerSecTest?.p).toBeCloseTo(1, 6)
  })

  it('B a third slower in req/s is slower, decided by req/s', () => {
    const delta = compareRouteRuns('delay', async([1900, 1950, 1920, 1940, 1930], [51, 52, 51, 53, 52]), async([1280, 1300, 1270, 1310, 1290], [77, 76, 78, 77, 79]))
    expect(delta).toMatchObject({ verdict: 'slower', decidedBy: 'req/s' })
    expect(delta.reqPerSecChange).toBeCloseTo(1290 / 1928 - 1, 3)
  })

  it('a route held at its bound differs in latency only: latency decides', () => {
    const delta = compareRouteRuns('delay', sync([20, 20, 20, 20, 20], [2500, 2510, 2490, 2505, 2495]), sync([20, 20, 20, 20, 20], [1800, 1810, 1790, 1805, 1795]))
    expect(delta).toMatchObject({ verdict: 'faster', decidedBy: 'latency' })
  })

  it('a significant but tiny difference (under 5 %) is no significant difference', () => {
    const delta = compareRouteRuns('delay', async([1000, 1001, 1000, 1001, 1000], [50, 50, 50, 50, 50]), async([1020, 1021, 1020, 1021, 1020], [50, 50, 50, 50, 50]))
    expect(delta.reqPerSecTest?.p).toBeLessThan(0.001)
    expect(delta.verdict).toBe('no significant difference')
  })
})

describe('two results files', () => {
  const results = (runs: RouteRun[], serverEnv?: string[]): LoadResults => ({
    format: RESULTS_FORMAT,
    startedAt: '2026-11-25T20:00:00.000Z',
    finishedAt: '2026-11-25T20:00:20.000Z',
    options: { ...DEFAULT_OPTIONS, ...(serverEnv === undefined ? {} : { serverEnv }) },
    environment: { node: 'v20', platform: 'linux x64', osRelease: '6', cpuCount: 2, cpuModel: 'x', totalMemoryMiB: 1, loadAverage: [0, 0, 0], gitCommit: null, gitDirty: null },
    target: { url: 'http://127.0.0.1:1', embedded: true },
    scenarios: [{ name: 'delay', title: 't', summary: 's', tables: [], verdicts: [], charts: [], raw: { runs, sweep: [], openLoop: [] } }],
    passed: true
  })

  it('pairs the routes by scenario, path and connections, and lists the others', () => {
    const a = results([async([1, 2, 3], [1, 2, 3]), sync([1, 2, 3], [1, 2, 3])])
    const b = results([async([1, 2, 3], [1, 2, 3]), { ...sync([1, 2, 3], [1, 2, 3]), connections: 10 }], ['LOG_LEVEL=debug'])
    const comparison = compareResults({ file: 'A', results: a }, { file: 'B', results: b })
    expect(comparison.routes.map((route) => route.path)).toEqual(['/async/delay?ms=50'])
    expect(comparison.unmatched).toEqual(['delay /sync/delay?ms=50 100', 'delay /sync/delay?ms=50 10'])
    expect(comparison.b.serverEnv).toEqual(['LOG_LEVEL=debug'])
    expect(comparison.caveats).toEqual([])
  })

  it('says when a run shared a busy machine, or ran another Node', () => {
    const a = results([async([1, 2, 3], [1, 2, 3])])
    const b = results([async([1, 2, 3], [1, 2, 3])])
    b.environment = { ...b.environment, loadAverage: [14.5, 13, 12], node: 'v24' }
    expect(compareResults({ file: 'A', results: a }, { file: 'B', results: b }).caveats).toEqual([
      'run B started with a load average of 14.5 on 2 cores: other work shared the machine, and a difference may be its doing',
      'Node differs: v20 (A) vs v24 (B)'
    ])
  })
})
