// A report.html in headless Chromium with the network cut off: waits until vega-embed has drawn
// every chart, then expects each chart drawn, each caption written, and not one error on the page.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { expect } from 'vitest'
import { writeReports } from '../../load-tests/report/write-reports.js'
import type { LoadResults } from '../../load-tests/core/results-schema.js'
import { launchChromium } from './chromium.js'

/** Writes the reports of `results`, opens report.html offline and expects every chart drawn. */
export async function expectEveryChartDrawn (results: LoadResults): Promise<void> {
  const outDir = await mkdtemp(join(tmpdir(), 'load-html-'))
  const browser = await launchChromium()
  try {
    const files = await writeReports(results, outDir)
    const chartCount = results.scenarios.reduce((sum, scenario) => sum + scenario.charts.length, 0)
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
  } finally {
    await browser.close()
    await rm(outDir, { recursive: true, force: true })
  }
}
