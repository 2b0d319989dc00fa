// report.html in a real browser: Debian's headless Chromium opens the file with the network cut
// off, and every chart must be drawn by vega-lite without a single error on the page.
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_OPTIONS } from '../../../load-tests/core/options.js'
import type { LoadResults } from '../../../load-tests/core/results-schema.js'
import { runLoadTest } from '../../../load-tests/engine/run-load-test.js'
import { SCENARIOS } from '../../../load-tests/scenarios/index.js'
import { sheddingCharts, sheddingTable, sheddingVerdict } from '../../../load-tests/scenarios/shedding/shedding-report.js'
import { soakCharts, soakTable, soakVerdict, type SoakRaw } from '../../../load-tests/scenarios/soak/soak-report.js'
import { skipWithoutChromium } from '../../helpers/chromium.js'
import { expectEveryChartDrawn } from '../../helpers/report-in-browser.js'
import { routeRunFixture } from '../../fixtures/route-run.js'

describe.skipIf(skipWithoutChromium('report.html browser test'))('report.html in headless Chromium', () => {
  let results: LoadResults
  beforeAll(async () => {
    results = await runLoadTest({ ...DEFAULT_OPTIONS, scenarios: ['delay'], ms: 20, connections: 5, durationS: 1, sweep: [1, 5] }, SCENARIOS)
  }, 60_000)

  it('draws every chart (an svg with content per chart), offline, with no error or warning logged', async () => {
    const chartCount = results.scenarios.reduce((sum, scenario) => sum + scenario.charts.length, 0)
    expect(chartCount).toBe(5) // throughput, latency, /health over time, server-side loop delay, sweep
    await expectEveryChartDrawn(results)
  }, 30_000)

  it('draws the shedding and soak charts too', async () => {
    const shedding = [
      { shedding: { enabled: false, maxEventLoopDelayMs: 0, maxEventLoopUtilization: 0 }, run: routeRunFixture({ role: 'blocking' }) },
      { shedding: { enabled: true, maxEventLoopDelayMs: 20, maxEventLoopUtilization: 0 }, run: routeRunFixture({ role: 'blocking', statusCodes: { 200: 40, 503: 9000 } }) }
    ]
    const sample = (atS: number) => ({ atS, rssBytes: (100 + (atS % 3)) * 2 ** 20, heapUsedBytes: (20 + (atS % 4)) * 2 ** 20 })
    const soak: SoakRaw = { path: '/async/delay?ms=20', connections: 5, durationS: 30, requests: 7000, errors: 0, before: sample(0), during: Array.from({ length: 29 }, (_, i) => sample(i + 1)), after: sample(32) }
    const withFixtures = structuredClone(results)
    withFixtures.scenarios.push(
      { name: 'shedding', title: 'shedding', summary: 'fixture', tables: [sheddingTable(shedding)], verdicts: [sheddingVerdict(shedding)], charts: sheddingCharts(shedding), raw: { runs: shedding } },
      { name: 'soak', title: 'soak', summary: 'fixture', tables: [soakTable(soak)], verdicts: [soakVerdict(soak)], charts: soakCharts(soak, soakVerdict(soak)), raw: soak }
    )
    await expectEveryChartDrawn(withFixtures)
  }, 30_000)
})
