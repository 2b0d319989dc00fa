// The throughput building block against two stand-in servers that answer after a timer: which
// runs it makes, in which order, against which server, and what it derives from them.
import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { concurrentBound, serialBound } from '../../../load-tests/core/bounds.js'
import { DEFAULT_OPTIONS } from '../../../load-tests/core/options.js'
import { requestTimeoutS, runRouteComparison, type RouteSpec } from '../../../load-tests/engine/route-comparison.js'
import { compareRoutes, type RouteComparison } from '../../../load-tests/scenarios/shared/compare-routes.js'

interface StandIn { server: Server, url: string, paths: Map<string, number>, sockets: Map<string, Set<Socket>> }

async function standIn (): Promise<StandIn> {
  const paths = new Map<string, number>()
  // Which connections each path was requested on.
  const sockets = new Map<string, Set<Socket>>()
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x')
    paths.set(url.pathname, (paths.get(url.pathname) ?? 0) + 1)
    sockets.set(url.pathname, (sockets.get(url.pathname) ?? new Set()).add(request.socket))
    setTimeout(() => response.end('{}'), Number(url.searchParams.get('ms') ?? 0))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths, sockets }
}

let first: StandIn
let second: StandIn
beforeAll(async () => { [first, second] = await Promise.all([standIn(), standIn()]) })
afterAll(async () => {
  for (const { server } of [first, second]) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

describe('runRouteComparison', () => {
  let comparison: RouteComparison
  const progress: string[] = []
  beforeAll(async () => {
    const routes: RouteSpec[] = [
      { label: 'a', path: '/a?ms=20', role: 'non-blocking', bound: concurrentBound(20) },
      { label: 'b', path: '/b?ms=20', role: 'non-blocking', bound: concurrentBound(20), baseUrl: second.url }
    ]
    const options = { ...DEFAULT_OPTIONS, connections: 4, durationS: 1, sweep: [4, 1] }
    comparison = await compareRoutes({ url: first.url, options, progress: (line) => progress.push(line), startServer: undefined }, routes)
  }, 30_000)

  it('runs each route in order at --connections, each on its own server', () => {
    expect(comparison.raw.runs.map((run) => [run.label, run.connections])).toEqual([['a', 4], ['b', 4]])
    expect(first.paths.get('/a')).toBeGreaterThan(0)
    expect(first.paths.has('/b')).toBe(false)
    expect(second.paths.get('/b')).toBeGreaterThan(0)
    expect(second.paths.get('/health')).toBeGreaterThan(0)
  })

  it('reads each run against its bound: 4 connections × 1000 / 20 ms = 200 req/s at most', () => {
    for (const run of comparison.raw.runs) {
      expect(run.bound.reqPerSec).toBe(200)
      expect(run.reqPerSec).toBeGreaterThan(0)
      expect(run.reqPerSec).toBeLessThanOrEqual(run.bound.reqPerSec * 1.05)
      expect(run.fractionOfBound).toBeCloseTo(run.reqPerSec / 200)
      expect(run.errors).toBe(0)
      expect(run.health.answered).toBeGreaterThan(0)
    }
  })

  it('sweeps in ascending order and reuses the runs at --connections', () => {
    expect(comparison.raw.sweep.map((run) => [run.connections, run.label])).toEqual([[1, 'a'], [1, 'b'], [4, 'a'], [4, 'b']])
    expect(comparison.raw.sweep[2]).toBe(comparison.raw.runs[0])
    expect(comparison.raw.sweep[0]?.bound.reqPerSec).toBe(50)
  })

  it('returns the main and sweep tables and four charts, and reported progress', () => {
    expect(comparison.tables.map((table) => table.rows.length)).toEqual([2, 4])
    expect(comparison.charts.map((chart) => chart.title)).toEqual([
      'Throughput against its bound, 4 connections', 'Request latency percentiles', '/health latency during each run', 'Throughput against connections'
    ])
    expect(progress).toContain('a /a?ms=20 · 4 connections · 1/1 s · ' + String(comparison.raw.runs[0]?.perSecond[0]) + ' req/s · waiting for the requests still out')
  })
})

describe('the warm-up', () => {
  it('loads a non-blocking route for --warmup seconds before its run, on the run\'s own connections, uncounted; a blocking route gets none', async () => {
    const third = await standIn()
    try {
      const routes: RouteSpec[] = [
        { label: 'fast', path: '/fast?ms=20', role: 'non-blocking', bound: concurrentBound(20) },
        { label: 'slow', path: '/slow?ms=20', role: 'blocking', bound: serialBound(20) }
      ]
      const progress: string[] = []
      const options = { ...DEFAULT_OPTIONS, connections: 2, durationS: 1, warmupS: 1 }
      const raw = await runRouteComparison({ url: third.url, options, progress: (line) => progress.push(line), startServer: undefined }, routes)
      const [fast, slow] = raw.runs
      expect([fast?.warmupS, slow?.warmupS]).toEqual([1, 0])
      // About 2 connections × 1 s / 20 ms = 100 requests more reached /fast than its run counted.
      expect((third.paths.get('/fast') ?? 0) - (fast?.completed ?? 0)).toBeGreaterThan(40)
      expect((third.paths.get('/slow') ?? 0) - (slow?.completed ?? 0)).toBeLessThanOrEqual(2)
      expect(progress).toContain('fast /fast?ms=20 · 2 connections · warming up for 1 s on the run\'s connections (not counted)')
      // The warm-up and the window shared the run's two connections: none was opened for the window.
      expect(third.sockets.get('/fast')?.size).toBe(2)
      // Every count is of the window's own requests: what was sent was answered, in the window or after.
      expect(fast?.requests.sent).toBe((fast?.requests.answered ?? 0) + (fast?.requests.waitingAtClose ?? 0))
      expect(fast?.requests.drained).toBe(fast?.requests.waitingAtClose)
      // Of those, none waited for a warm-up request: each took about its 20 ms.
      expect(fast?.latencyMs.max).toBeLessThan(1000)
      expect(fast?.perSecond.reduce((sum, count) => sum + count, 0)).toBe(fast?.completed)
    } finally {
      third.server.closeAllConnections()
      await new Promise((resolve) => third.server.close(resolve))
    }
  }, 30_000)
})

it('the per-request timeout covers three times the longest queue, and never less than 10 s', () => {
  const route = (bound: RouteSpec['bound']): RouteSpec => ({ label: 'x', path: '/x', role: 'blocking', bound })
  expect(requestTimeoutS(100, route(serialBound(50)))).toBe(15) // 100 queued × 50 ms = 5 s
  expect(requestTimeoutS(200, route(serialBound(500)))).toBe(300)
  expect(requestTimeoutS(100, route(concurrentBound(50)))).toBe(10)
})
