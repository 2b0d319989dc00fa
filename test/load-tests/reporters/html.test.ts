// report.html in a real browser: Debian's headless Chromium opens the file with the network cut
// off, and every chart must be drawn by vega-lite without a single error on the page.
import { describe, expect, it } from 'vitest'
import { DEFAULT_OPTIONS } from '../../../load-tests/options.js'
import { runLoadTest } from '../../../load-tests/run-load-test.js'
import { CHROMIUM_HINT, chromiumMissing as missing, expectEveryChartDrawn } from '../../helpers/report-in-browser.js'

// Only a developer's machine may lack the browser; CI installs it, so there the test fails instead.
if (missing && process.env.CI === undefined) process.stderr.write(`report.html browser test skipped: ${CHROMIUM_HINT}\n`)

describe.skipIf(missing && process.env.CI === undefined)('report.html in headless Chromium', () => {
  it('draws every chart (an svg with content per chart), offline, with no error or warning logged', async () => {
    const results = await runLoadTest({ ...DEFAULT_OPTIONS, pairs: ['delay'], ms: 20, connections: 5, durationS: 1, sweep: [1, 5] })
    const chartCount = results.scenarios.reduce((sum, scenario) => sum + scenario.charts.length, 0)
    expect(chartCount).toBe(4) // throughput, latency, /health over time, sweep
    await expectEveryChartDrawn(results)
  }, 60_000)
})
