// The scale scenario's table, verdicts and charts from runs of round numbers: what passes, what fails.
import { describe, expect, it } from 'vitest'
import { DEFAULT_OPTIONS } from '../../../../load-tests/core/options.js'
import { processesBound } from '../../../../load-tests/core/bounds.js'
import { scaleCharts, scaleTable, scaleVerdicts, type ScaleRun } from '../../../../load-tests/scenarios/scale/scale-report.js'
import { routeRunFixture } from '../../../fixtures/route-run.js'

/** A server of `processes`, its blocking route at `syncFraction` of N × 20 req/s, its probe waiting `healthP50Ms`. */
function scaleRun (processes: number, syncFraction: number, healthP50Ms: number): ScaleRun {
  const bound = processesBound(processes, 50)(100)
  const reqPerSec = bound.reqPerSec * syncFraction
  const blocking = routeRunFixture({ role: 'blocking' })
  return {
    processes,
    pids: Array.from({ length: processes }, (_, i) => 1000 + i),
    async: routeRunFixture({ role: 'non-blocking' }),
    sync: {
      ...blocking,
      bound,
      reqPerSec,
      fractionOfBound: syncFraction,
      health: { ...blocking.health, p50Ms: healthP50Ms, p99Ms: healthP50Ms * 2 }
    }
  }
}

const options = { ...DEFAULT_OPTIONS, ms: 50 }

describe('scaleVerdicts', () => {
  it('passes when the blocking route doubles with 2 processes and the probe still waits', () => {
    const verdicts = scaleVerdicts([scaleRun(1, 0.98, 4000), scaleRun(2, 0.97, 2000)], options, 0.9)
    expect(verdicts.every((verdict) => verdict.passed)).toBe(true)
    expect(verdicts[0]?.text).toMatch(/19\.6 → 38\.8 req\/s from 1 process to 2 processes \(2×, bound 2×\)/)
    expect(verdicts[1]?.check).toMatchObject({ option: 'check-scale-min', comparison: '>=', threshold: 0.9 })
    expect(verdicts[1]?.check?.measured).toBeCloseTo(38.8 / 19.6 / 2, 5)
  })

  it('fails when the processes did not multiply the blocking throughput (1.5× of 2×)', () => {
    const verdicts = scaleVerdicts([scaleRun(1, 1, 4000), scaleRun(2, 0.75, 2000)], options, 0.9)
    expect(verdicts[0]?.passed).toBe(false)
    expect(verdicts.find((verdict) => verdict.check?.option === 'check-scale-min')?.passed).toBe(false)
    expect(verdicts.filter((verdict) => verdict.check?.option === 'check-sync-tolerance').map((verdict) => verdict.passed)).toEqual([true, false])
  })

  it('fails "still waits" when /health answered faster than one blocking request: that is not what blocking does', () => {
    const verdicts = scaleVerdicts([scaleRun(1, 1, 4000), scaleRun(2, 1, 10)], options, 0.9)
    const waits = verdicts.filter((verdict) => verdict.text.includes('still waits'))
    expect(waits.map((verdict) => verdict.passed)).toEqual([true, false])
  })

  it('with one process count only, has no speed-up check', () => {
    const verdicts = scaleVerdicts([scaleRun(2, 1, 2000)], options, 0.9)
    expect(verdicts.some((verdict) => verdict.check?.option === 'check-scale-min')).toBe(false)
    expect(verdicts[0]?.passed).toBe(true)
  })
})

it('scaleTable: one row per route and process count, the speed-up against the fewest processes, the pids in the notes', () => {
  const table = scaleTable([scaleRun(1, 1, 4000), scaleRun(2, 1, 2000)], 50)
  expect(table.rows.map((row) => [row[0], row[1], row[2], row[3], row[5]])).toEqual([
    ['1', '/async/delay?ms=50', '1940', '2000', '1×'],
    ['1', '/sync/delay?ms=50', '20', '20', '1×'],
    ['2', '/async/delay?ms=50', '1940', '2000', '1×'],
    ['2', '/sync/delay?ms=50', '40', '40', '2×']
  ])
  expect(table.notes.join('\n')).toContain('2 processes (pids 1000, 1001): blocking bound 2 processes × 1000 / 50 ms')
})

it('scaleCharts: req/s with the bound beside each measurement, and /health by process count', () => {
  const [throughput, health] = scaleCharts([scaleRun(1, 1, 4000), scaleRun(2, 1, 2000)])
  const values = (throughput?.spec.data as { values: Array<{ processes: string, series: string, reqPerSec: number }> }).values
  expect(values.filter((value) => value.series.startsWith('blocking, bound')).map((value) => [value.processes, value.reqPerSec])).toEqual([['1', 20], ['2', 40]])
  const probes = (health?.spec.data as { values: Array<{ processes: string, percentile: string, ms: number }> }).values
  expect(probes.filter((value) => value.percentile === 'p50').map((value) => value.ms)).toEqual([4000, 2000])
})
