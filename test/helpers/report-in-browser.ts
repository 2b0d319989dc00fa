// Opens a report.html in Debian's headless Chromium with the network cut off, waits until vega-embed
// has drawn every chart, and says what it saw: which charts have content, and every error logged.
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { expect } from 'vitest'
import { writeReports } from '../../load-tests/reporters/write-reports.js'
import type { LoadResults } from '../../load-tests/results-schema.js'

export const CHROMIUM = '/usr/bin/chromium'
export const CHROMIUM_HINT = `${CHROMIUM} is missing: apt-get install -y chromium`
export const chromiumMissing = !existsSync(CHROMIUM)

export interface RenderedReport {
  /** The page's data-charts-rendered: the number of charts drawn, or 'error'. */
  chartsRendered: string | null
  /** Per chart: an svg with paths, rects or text in it. */
  drawn: boolean[]
  captions: string[]
  /** Console errors and warnings, and uncaught page errors. */
  problems: string[]
  /** Requests the page tried to make (all refused): a self-contained report makes none. */
  network: string[]
}

export async function launchChromium (): Promise<Browser> {
  if (chromiumMissing) throw new Error(CHROMIUM_HINT)
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
  })
}

export async function renderReport (browser: Browser, htmlFile: string): Promise<RenderedReport> {
  const page = await browser.newPage()
  const problems: string[] = []
  const network: string[] = []
  page.on('console', (message) => { if (['error', 'warning'].includes(message.type())) problems.push(message.text()) })
  page.on('pageerror', (error) => { problems.push(error.message) })
  await page.route(/^https?:/, async (route) => {
    network.push(route.request().url())
    await route.abort()
  })
  await page.goto(pathToFileURL(htmlFile).href)
  // The page sets data-charts-rendered once vega-embed has drawn every chart (or 'error').
  await page.waitForSelector('body[data-charts-rendered]', { timeout: 15_000 })
  const rendered: RenderedReport = {
    chartsRendered: await page.getAttribute('body', 'data-charts-rendered'),
    drawn: await page.$$eval('figure .chart', (charts) => charts.map((chart) => {
      const svg = chart.querySelector('svg')
      return svg !== null && svg.querySelectorAll('path, rect, text').length > 0
    })),
    captions: await page.$$eval('figcaption', (captions) => captions.map((caption) => caption.textContent ?? '')),
    problems,
    network
  }
  await page.close()
  return rendered
}

/** Writes the reports of `results`, opens report.html, and expects every chart drawn without a problem. */
export async function expectEveryChartDrawn (results: LoadResults): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'load-report-'))
  const browser = await launchChromium()
  try {
    const files = await writeReports(results, dir)
    const chartCount = results.scenarios.reduce((sum, scenario) => sum + scenario.charts.length, 0)
    const page = await renderReport(browser, files.html)
    expect(page.chartsRendered).toBe(String(chartCount))
    expect(page.drawn).toEqual(Array.from({ length: chartCount }, () => true))
    expect(page.captions.every((caption) => caption.length > 20)).toBe(true)
    expect(page.problems).toEqual([])
    expect(page.network).toEqual([])
  } finally {
    await browser.close()
    await rm(dir, { recursive: true, force: true })
  }
}
