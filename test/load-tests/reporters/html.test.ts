// report.html in a real browser: Debian's headless Chromium opens the file with the network cut
// off, and every chart must be drawn by vega-lite without a single error on the page.
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_OPTIONS } from '../../../load-tests/options.js'
import { writeReports } from '../../../load-tests/reporters/write-reports.js'
import { runLoadTest } from '../../../load-tests/run-load-test.js'

const CHROMIUM = '/usr/bin/chromium'
const INSTALL_HINT = `${CHROMIUM} is missing: apt-get install -y chromium`
const missing = !existsSync(CHROMIUM)
// Only a developer's machine may lack the browser; CI installs it, so there the test fails instead.
if (missing && process.env.CI === undefined) process.stderr.write(`report.html browser test skipped: ${INSTALL_HINT}\n`)

let browser: Browser | undefined
let outDir: string | undefined
afterAll(async () => {
  await browser?.close()
  if (outDir !== undefined) await rm(outDir, { recursive: true, force: true })
})

describe.skipIf(missing && process.env.CI === undefined)('report.html in headless Chromium', () => {
  it('draws every chart (an svg with content per chart), offline, with no error or warning logged', async () => {
    if (missing) throw new Error(INSTALL_HINT)
    const results = await runLoadTest({ ...DEFAULT_OPTIONS, ms: 20, connections: 5, durationS: 1, sweep: [1, 5] })
    outDir = await mkdtemp(join(tmpdir(), 'load-html-'))
    const files = await writeReports(results, outDir)
    const chartCount = results.scenarios.reduce((sum, scenario) => sum + scenario.charts.length, 0)
    expect(chartCount).toBe(4) // throughput, latency, /health over time, sweep

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
    })
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
  }, 60_000)
})
