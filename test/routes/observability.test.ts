import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, withTestApp } from '../helpers/build-test-app.js'
import { pause } from '../helpers/timing.js'

let app: FastifyInstance
beforeAll(async () => { app = await buildTestApp() })
afterAll(async () => { await app.close() })

/** The value of one sample line of the Prometheus text, e.g. `metric{a="b"} 3`. */
function sample (text: string, line: RegExp): number | undefined {
  const found = text.split('\n').find((candidate) => line.test(candidate))
  return found === undefined ? undefined : Number(found.slice(found.lastIndexOf(' ') + 1))
}

describe('GET /metrics', () => {
  it('serves the Prometheus text format with the default Node.js metrics, event-loop lag percentiles included', async () => {
    const response = await app.inject('/metrics')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/)
    for (const name of ['process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_p50_seconds',
      'nodejs_eventloop_lag_p99_seconds', 'nodejs_eventloop_lag_max_seconds']) {
      expect(response.body).toContain(`# TYPE ${name} gauge`)
    }
  })

  it('has an event-loop-utilisation gauge between 0 and 1', async () => {
    const text = (await app.inject('/metrics')).body
    expect(text).toContain('# TYPE eventloop_utilization_ratio gauge')
    const utilization = sample(text, new RegExp(`^eventloop_utilization_ratio\\{pid="${process.pid}"\\} `))
    expect(utilization).toBeGreaterThanOrEqual(0)
    expect(utilization).toBeLessThanOrEqual(1)
  })

  it('times requests by route pattern and status code, never by raw URL', async () => {
    await withTestApp({}, async (fresh) => {
      for (const ms of [1, 2, 3]) await fresh.inject(`/async/delay?ms=${ms}`)
      await fresh.inject('/async/delay?ms=abc')
      await fresh.inject('/no/such/route/1')
      await fresh.inject('/no/such/route/2')
      const text = (await fresh.inject('/metrics')).body
      expect(sample(text, /^http_request_duration_seconds_count\{method="GET",route="\/async\/delay",status_code="200",pid="\d+"\}/)).toBe(3)
      expect(sample(text, /^http_request_duration_seconds_count\{method="GET",route="\/async\/delay",status_code="400",pid="\d+"\}/)).toBe(1)
      expect(sample(text, /^http_request_duration_seconds_count\{method="GET",route="\(unmatched\)",status_code="404",pid="\d+"\}/)).toBe(2)
      expect(text).not.toMatch(/route="[^"]*\?/)
      expect(text).not.toContain('/no/such/route')
    })
  })

  it('labels every sample with the pid of the process it describes (WORKERS > 1 runs several)', async () => {
    const text = (await app.inject('/metrics')).body
    const samples = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'))
    expect(samples.length).toBeGreaterThan(20)
    expect(samples.filter((line) => !line.includes(`pid="${process.pid}"`))).toEqual([])
  })

  it('keeps one registry per app: a new app starts its counts at zero', async () => {
    await app.inject('/health')
    await withTestApp({}, async (fresh) => {
      expect((await fresh.inject('/metrics')).body).not.toContain('route="/health"')
    })
  })
})

describe('switched off', () => {
  it('METRICS=false: no /metrics; LOOP_STATS=false: no /stats; the rest answers', async () => {
    await withTestApp({ METRICS: false, LOOP_STATS: false }, async (lean) => {
      expect((await lean.inject('/metrics')).statusCode).toBe(404)
      expect((await lean.inject('/stats')).statusCode).toBe(404)
      expect((await lean.inject('/async/delay?ms=0')).statusCode).toBe(200)
    })
  })
})

describe('GET /stats', () => {
  it('answers the event-loop delay window, utilisation, pid, uptime and the requests in flight', async () => {
    const response = await app.inject('/stats')
    expect(response.statusCode).toBe(200)
    const stats = response.json()
    expect(stats).toEqual({
      pid: process.pid,
      uptimeS: expect.any(Number),
      windowMs: expect.any(Number),
      eventLoopDelayMs: { samples: expect.any(Number), min: expect.anything(), mean: expect.anything(), p50: expect.anything(), p99: expect.anything(), max: expect.anything() },
      eventLoopUtilization: expect.any(Number),
      inFlight: { '/stats': 1 },
      memory: { rssBytes: expect.any(Number), heapUsedBytes: expect.any(Number), heapTotalBytes: expect.any(Number) },
      shedding: { enabled: false, maxEventLoopDelayMs: 0, maxEventLoopUtilization: 0 },
      stallsTotal: 0,
      stalls: []
    })
    expect(stats.memory.rssBytes).toBeGreaterThan(stats.memory.heapUsedBytes)
    expect(stats.eventLoopUtilization).toBeGreaterThanOrEqual(0)
    expect(stats.eventLoopUtilization).toBeLessThanOrEqual(1)
  })

  it('shows the loop delay jump after a blocking request, and reset=true starts a new window', async () => {
    await app.inject('/stats?reset=true')
    // Node's monitor skips the first interval after a reset (src/loop-stats.ts): let it tick first.
    await pause(30)
    await app.inject('/sync/delay?ms=300')
    await pause(30) // and let it record the late timer
    const blocked = (await app.inject('/stats?reset=true')).json()
    expect(blocked.eventLoopDelayMs.max).toBeGreaterThanOrEqual(250)
    expect(blocked.eventLoopDelayMs.max).toBeGreaterThanOrEqual(blocked.eventLoopDelayMs.p50)
    expect(blocked.eventLoopDelayMs.min).toBeLessThanOrEqual(blocked.eventLoopDelayMs.mean)

    const after = (await app.inject('/stats')).json()
    expect(after.windowMs).toBeLessThan(blocked.windowMs)
    expect(after.eventLoopDelayMs.max ?? 0).toBeLessThan(250)
  })

  it('reports null delays before the first sample of a window, not NaN or a huge number', async () => {
    await app.inject('/stats?reset=true')
    const stats = (await app.inject('/stats')).json()
    expect(stats.eventLoopDelayMs).toEqual({ samples: 0, min: null, mean: null, p50: null, p99: null, max: null })
  })

  it('counts requests in flight by route pattern while they wait', async () => {
    const waiting = Promise.all([app.inject('/async/delay?ms=200'), app.inject('/async/delay?ms=200&style=callback')])
    await pause(50)
    const during = (await app.inject('/stats')).json()
    await waiting
    const after = (await app.inject('/stats')).json()
    expect(during.inFlight).toEqual({ '/async/delay': 2, '/stats': 1 })
    expect(after.inFlight).toEqual({ '/stats': 1 })
  })

  it('reports the shedding settings the server runs with', async () => {
    await withTestApp({ SHED_LOAD: true, MAX_EVENT_LOOP_DELAY_MS: 20 }, async (shedding) => {
      expect((await shedding.inject('/stats')).json().shedding).toEqual({ enabled: true, maxEventLoopDelayMs: 20, maxEventLoopUtilization: 0 })
    })
  })

  it.each(['1', 'yes', 'TRUE', '', 'true&reset=false'])('refuses reset=%j: only true or false', async (value) => {
    const response = await app.inject(`/stats?reset=${value}`)
    expect(response.statusCode).toBe(400)
    expect(response.json().message).toContain('query parameter reset must be true or false')
  })
})
