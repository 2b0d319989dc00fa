// report.html in a real browser: Debian's headless Chromium opens the file with the network cut
// off, and every chart must be drawn by vega-lite without a single error on the page.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_OPTIONS } from '../../../load-tests/options.js'
import type { LoadResults } from '../../../load-tests/results-schema.js'
import { writeReports } from '../../../load-tests/reporters/write-reports.js'
import { runLoadTest } from '../../../load-tests/run-load-test.js'
import { sheddingCharts, sheddingTable, sheddingVerdict } from '../../../load-tests/shedding-report.js'
import { soakCharts, soakTable, soakVerdict, type SoakRaw } from '../../../load-tests/soak-report.js'
import { launchChromium, skipWithoutChromium } from '../../helpers/chromium.js'
import { routeRunFixture } from '../../fixtures/route-run.js'

let browser: Browser | undefined
const outDirs: string[] = []
afterAll(async () => {
  await browser?.close()
  await Promise.all(outDirs.map(async (dir) => rm(dir, { recursive: true, force: true })))
})

/** Writes the reports of `results`, opens report.html offline and checks every chart is drawn. */
async function expectEveryChartDrawn (results: LoadResults): Promise<void> {
  const outDir = await mkdtemp(join(tmpdir(), 'load-html-'))
  outDirs.push(outDir)
  const files = await writeReports(results, outDir)
  const chartCount = results.scenarios.reduce((sum, scenario) => sum + scenario.charts.length, 0)

  browser ??= await launchChromium()
  const page = await browser.newPage()
  const problems: string[] = []
  const network: string[] = []
  page.on('console', (message) => { if (['error', 'warning'].includes(message.type())) problems.push(message.text()) })
  page.on('pageerror', (error) => { problems.push(error.message) })
  await page.route(/^https?:/, async (route) => {
    network.push(route.request().url())
    await route.abort()
  })

  await page.goto(pathToFileURL(files.html).href)
  // The page sets data-charts-rendered once vega-embed has drawn every chart (or 'error').
  await page.waitForSelector('body[data-charts-rendered]', { timeout: 15_000 })
  expect(await page.getAttribute('body', 'data-charts-rendered')).toBe(String(chartCount))
  const drawn = await page.$$eval('figure .chart', (charts) => charts.map((chart) => {
    const svg = chart.querySelector('svg')
    return svg !== null && svg.querySelectorAll('path, rect, text').length > 0
  }))
  expect(drawn).toEqual(Array.from({ length: chartCount }, () => true))
  expect(await page.$$eval('figcaption', (captions) => captions.every((caption) => (caption.textContent ?? '').length > 20))).toBe(true)
  expect(problems).toEqual([])
  expect(network).toEqual([])
}

describe.skipIf(skipWithoutChromium('report.html browser test'))('report.html in headless Chromium', () => {
  it('draws every chart (an svg with content per chart), offline, with no error or warning logged', async () => {
    const results = await runLoadTest({ ...DEFAULT_OPTIONS, pairs: ['delay'], ms: 20, connections: 5, durationS: 1, sweep: [1, 5] })
    const chartCount = results.scenarios.reduce((sum, scenario) => sum + scenario.charts.length, 0)
    expect(chartCount).toBe(5) // throughput, latency, /health over time, server-side loop delay, sweep
    await expectEveryChartDrawn(results)
  }, 60_000)

  it('draws the shedding and soak charts too', async () => {
    const results = await runLoadTest({ ...DEFAULT_OPTIONS, pairs: ['delay'], ms: 20, connections: 5, durationS: 1 })
    const shedding = [
      { shedding: { enabled: false, maxEventLoopDelayMs: 0, maxEventLoopUtilization: 0 }, run: routeRunFixture({ role: 'blocking' }) },
      { shedding: { enabled: true, maxEventLoopDelayMs: 20, maxEventLoopUtilization: 0 }, run: routeRunFixture({ role: 'blocking', statusCodes: { 200: 40, 503: 9000 } }) }
    ]
    const sample = (atS: number) => ({ atS, rssBytes: (100 + (atS % 3)) * 2 ** 20, heapUsedBytes: (20 + (atS % 4)) * 2 ** 20 })
    const soak: SoakRaw = { path: '/async/delay?ms=20', connections: 5, durationS: 30, requests: 7000, errors: 0, before: sample(0), during: Array.from({ length: 29 }, (_, i) => sample(i + 1)), after: sample(32) }
    results.scenarios.push(
      { name: 'shedding', title: 'shedding', summary: 'fixture', tables: [sheddingTable(shedding)], verdicts: [sheddingVerdict(shedding)], charts: sheddingCharts(shedding), raw: { runs: shedding } },
      { name: 'soak', title: 'soak', summary: 'fixture', tables: [soakTable(soak)], verdicts: [soakVerdict(soak)], charts: soakCharts(soak), raw: soak }
    )
    await expectEveryChartDrawn(results)
  }, 60_000)
})
