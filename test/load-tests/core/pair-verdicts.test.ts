import { describe, expect, it } from 'vitest'
import { DEFAULT_OPTIONS } from '../../../load-tests/core/options.js'
import { pairVerdicts } from '../../../load-tests/core/pair-verdicts.js'
import { routeRunFixture } from '../../fixtures/route-run.js'

const thresholds = DEFAULT_OPTIONS.thresholds
const fast = routeRunFixture({ role: 'non-blocking', reqPerSec: 1921, fractionOfBound: 1921 / 2000 })
const slow = routeRunFixture({ role: 'blocking', reqPerSec: 19.5, fractionOfBound: 19.5 / 20 })

describe('pair verdicts', () => {
  it('headline: the collapse against the physical ratio, and /health p99 during each run', () => {
    const [headline] = pairVerdicts('delay', [fast, slow], thresholds)
    expect(headline).toEqual({
      text: 'delay: blocking throughput collapsed 98.5× (19.5 vs 1921 req/s; physical ratio 100×); /health p99 9 s vs 4 ms',
      passed: true
    })
  })

  it('five checks, each naming the option that sets its threshold', () => {
    const checks = pairVerdicts('delay', [fast, slow], thresholds).slice(1)
    expect(checks.map((verdict) => [verdict.check?.option, verdict.check?.comparison, verdict.check?.threshold, verdict.passed])).toEqual([
      ['check-async-min', '>=', 0.85, true],
      ['check-sync-tolerance', '<=', 0.1, true],
      ['check-collapse-min', '>=', 0.5, true],
      ['check-health-min', '>=', 10, true],
      ['check-queue-min', '>=', 0.9, true]
    ])
    expect(checks[0]?.text).toBe('/async/delay?ms=50 reached 96.0 % of its bound (threshold ≥ 85.0 %)')
    expect(checks[1]?.check?.measured).toBeCloseTo(0.025)
    expect(checks[3]?.check?.measured).toBe(9000 / 4)
  })

  it('a non-blocking route short of its bound says who had the CPU: the server\'s loop and the load generator', () => {
    const short = routeRunFixture({
      role: 'non-blocking',
      fractionOfBound: 0.78,
      loadGenerator: { cpuCores: 0.71, machineCores: 2 },
      server: { windowMs: 5000, eventLoopDelayMs: { samples: 500, min: 1, mean: 12, p50: 11, p99: 19, max: 44 }, eventLoopUtilization: 0.76 }
    })
    const check = pairVerdicts('delay', [short, slow], thresholds)[1]
    expect(check?.passed).toBe(false)
    expect(check?.text).toBe('/async/delay?ms=50 reached 78.0 % of its bound (threshold ≥ 85.0 %); meanwhile the server\'s event loop was busy 76.0 % of the run and the load generator took 0.71 of its machine\'s 2 cores')
    const withoutStats = pairVerdicts('delay', [{ ...short, server: null }, slow], thresholds)[1]
    expect(withoutStats?.text).toMatch(/; meanwhile the load generator took 0\.71 of its machine's 2 cores$/)
  })

  it('one failed check fails the headline too', () => {
    const verdicts = pairVerdicts('delay', [fast, slow], { ...thresholds, asyncMin: 2 })
    expect(verdicts.map((verdict) => verdict.passed)).toEqual([false, false, true, true, true, true])
  })

  it('a blocking p99 below the queue it built (the survivors only) fails; the text names the waiting requests', () => {
    // 100 connections at 20 req/s: a 5 s queue. A p99 of 2 s counts only the requests that got through.
    const flattered = routeRunFixture({ role: 'blocking', latencyMs: { p50: 1000, p97_5: 1900, p99: 2000, max: 2000, mean: 1000 } })
    const queue = pairVerdicts('delay', [fast, flattered], thresholds)[5]
    expect(queue?.passed).toBe(false)
    expect(queue?.check?.measured).toBeCloseTo(0.4)
    expect(queue?.text).toBe('/sync/delay?ms=50 p99 2 s is 40.0 % of the queue it built, 100 × 50 ms = 5 s; 100 requests were waiting when the window closed (threshold ≥ 90.0 %)')
    const lowerBound = pairVerdicts('delay', [fast, { ...slow, latencyIsLowerBound: true }], thresholds)[5]
    expect(lowerBound?.text).toMatch(/^\/sync\/delay\?ms=50 p99 ≥ 5 s is 100\.0 %/)
  })

  it('a blocking route off its bound either way fails the tolerance check', () => {
    const tooFast = routeRunFixture({ role: 'blocking', reqPerSec: 25, fractionOfBound: 1.25 })
    expect(pairVerdicts('delay', [fast, tooFast], thresholds)[2]?.passed).toBe(false)
  })

  it('a ratio that cannot be measured (no answer at all) is null and fails', () => {
    const silent = routeRunFixture({ role: 'blocking', reqPerSec: 0, fractionOfBound: 0 })
    const collapse = pairVerdicts('delay', [fast, silent], thresholds)[3]
    expect(collapse?.check?.measured).toBeNull()
    expect(collapse?.passed).toBe(false)
    expect(JSON.parse(JSON.stringify(collapse))).toEqual(collapse)
  })

  it('needs a non-blocking and a blocking route', () => {
    expect(() => pairVerdicts('delay', [fast], thresholds)).toThrow('delay: a pair needs a non-blocking and a blocking route')
  })
})
