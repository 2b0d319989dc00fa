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

  it('four checks, each naming the option that sets its threshold', () => {
    const checks = pairVerdicts('delay', [fast, slow], thresholds).slice(1)
    expect(checks.map((verdict) => [verdict.check?.option, verdict.check?.comparison, verdict.check?.threshold, verdict.passed])).toEqual([
      ['check-async-min', '>=', 0.9, true],
      ['check-sync-tolerance', '<=', 0.1, true],
      ['check-collapse-min', '>=', 0.5, true],
      ['check-health-min', '>=', 10, true]
    ])
    expect(checks[0]?.text).toBe('/async/delay?ms=50 reached 96.0 % of its bound (threshold ≥ 90.0 %)')
    expect(checks[1]?.check?.measured).toBeCloseTo(0.025)
    expect(checks[3]?.check?.measured).toBe(9000 / 4)
  })

  it('one failed check fails the headline too', () => {
    const verdicts = pairVerdicts('delay', [fast, slow], { ...thresholds, asyncMin: 2 })
    expect(verdicts.map((verdict) => verdict.passed)).toEqual([false, false, true, true, true])
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
