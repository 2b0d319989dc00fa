import { describe, expect, it } from 'vitest'
import { describeShedding, sheddingCharts, sheddingTable, sheddingVerdict, type SheddingRun } from '../../../../load-tests/scenarios/shedding/shedding-report.js'
import { routeRunFixture } from '../../../fixtures/route-run.js'

const OFF = { enabled: false, maxEventLoopDelayMs: 0, maxEventLoopUtilization: 0 }
const ON = { enabled: true, maxEventLoopDelayMs: 20, maxEventLoopUtilization: 0 }

const queued: SheddingRun = {
  shedding: OFF,
  run: routeRunFixture({ role: 'blocking', statusCodes: { 200: 95 }, latencyMs: { p50: 2500, p97_5: 4800, p99: 4900, max: 5000, mean: 2500 } })
}
const shed: SheddingRun = {
  shedding: ON,
  run: routeRunFixture({ role: 'blocking', statusCodes: { 200: 45, 503: 40_000 }, latencyMs: { p50: 55, p97_5: 98, p99: 100, max: 110, mean: 60 } })
}

describe('the shedding report', () => {
  it('names each server\'s setting', () => {
    expect(describeShedding(OFF)).toBe('off')
    expect(describeShedding(ON)).toBe('on (loop delay > 20 ms)')
    expect(describeShedding({ enabled: true, maxEventLoopDelayMs: 20, maxEventLoopUtilization: 0.9 })).toBe('on (loop delay > 20 ms or utilisation > 0.9)')
    expect(describeShedding(null)).toBe('unknown (no /stats)')
  })

  it('a row per server: accepted req/s from the 200s alone, the 503s, the latency of accepted requests', () => {
    const table = sheddingTable([queued, shed])
    expect(table.columns.map((column) => column.title).slice(0, 9)).toEqual(
      ['shedding', 'accepted req/s', 'bound', '503s', '503/s', 'errors', 'accepted p50', 'accepted p99', 'accepted max'])
    expect(table.rows[0]?.slice(0, 9)).toEqual(['off', '19', '20', '0', '0', '0', '2.5 s', '4.9 s', '5 s'])
    expect(table.rows[1]?.slice(0, 9)).toEqual(['on (loop delay > 20 ms)', '9', '20', '40000', '8000', '0', '55 ms', '100 ms', '110 ms'])
  })

  it('passes when shedding refused requests and bounded the accepted ones', () => {
    expect(sheddingVerdict([queued, shed])).toEqual({
      text: 'shedding: accepted p99 100 ms with vs 4.9 s without (49× lower), 40000 requests refused with 503; accepted 9 vs 19 req/s',
      passed: true
    })
  })

  it('fails when the shedding server refused nothing', () => {
    const idle = { ...shed, run: { ...shed.run, statusCodes: { 200: 45 } } }
    expect(sheddingVerdict([queued, idle]).passed).toBe(false)
  })

  it('with one server (--url), says what it measured and how to compare', () => {
    expect(sheddingVerdict([shed]).text).toMatch(/^shedding on \(loop delay > 20 ms\) only: accepted 9 req\/s, p99 100 ms; 40000 requests refused with 503\. Run it without --url/)
  })

  it('two charts, each captioned with its numbers', () => {
    const charts = sheddingCharts([queued, shed])
    expect(charts.map((chart) => chart.title)).toEqual(['Latency of accepted requests', 'Answers per second: accepted and shed'])
    expect(charts[0]?.caption).toContain('4.9 s with shedding off and 100 ms with shedding on')
    expect(charts[1]?.caption).toContain('9 accepted and 8000 shed per second with shedding on')
  })
})
