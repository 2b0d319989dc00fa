// The lab page in headless Chromium, offline, against the built server in its own process: a
// blocking run started from the page must stall this page's /health checks and silence the feed; the
// async twin must not. Screenshots at 1280 and 390 px go to test-artifacts/ (git-ignored); with
// LAB_SCREENSHOT set (npm run docs:screenshot) the wide one also becomes docs/images/lab.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFile, mkdir } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { PROJECT_ROOT } from '../../load-tests/core/project-root.js'
import { startServerProcess, type ServerProcess } from '../../load-tests/engine/server-process.js'
import { launchChromium, skipWithoutChromium } from '../helpers/chromium.js'

const ARTIFACTS = join(PROJECT_ROOT, 'test-artifacts')
const RUN_TIMEOUT_MS = 90_000

let server: ServerProcess
let browser: Browser | undefined

/** Starts a run from the page with its own buttons and waits until the page shows its result. */
async function runFromPage (page: Page, button: '#run-sync' | '#run-async'): Promise<{ worstHealthMs: number, reqPerSec: number, probeMaxMs: number }> {
  // 20 connections of 500 ms: each request holds the loop half a second, and a turn of the loop serves
  // every request waiting when it began, so /health waits for several in a row. (With 50 of 50 ms,
  // measured here, the page's own keep-alive /health was read within about a second, the run's
  // fresh-connection probe only after 8 s: the page stayed under 1 s in one run out of three.)
  await page.fill('#run-ms', '500')
  await page.fill('#run-connections', '20')
  await page.fill('#run-duration', '5')
  const path = button === '#run-sync' ? '/sync/delay' : '/async/delay'
  await page.click(button)
  // The result of this run (not the last one): its route, and a state that is no longer `running`.
  await page.locator(`#run-result[data-route^="${path}"]:not([data-state="running"])`).waitFor({ state: 'attached', timeout: RUN_TIMEOUT_MS })
  const result = page.locator('#run-result')
  const data = {
    state: await result.getAttribute('data-state'),
    reqPerSec: await result.getAttribute('data-req-per-sec'),
    worstHealthMs: await result.getAttribute('data-worst-health-ms'),
    probeMaxMs: await result.getAttribute('data-probe-max-ms')
  }
  expect(data.state, JSON.stringify(data)).toBe('done')
  process.stderr.write(`${path}: load average ${loadavg()[0]?.toFixed(1) ?? '?'}; ${data.reqPerSec ?? '?'} req/s; worst /health round trip in the page ${data.worstHealthMs ?? '?'} ms, in the run's own probe ${data.probeMaxMs ?? '?'} ms\n`)
  return { worstHealthMs: Number(data.worstHealthMs), reqPerSec: Number(data.reqPerSec), probeMaxMs: Number(data.probeMaxMs) }
}

describe.skipIf(skipWithoutChromium('/lab browser test'))('/lab in headless Chromium', () => {
  beforeAll(async () => {
    server = await startServerProcess({ env: { LOG_LEVEL: 'warn' } })
    browser = await launchChromium()
    await mkdir(ARTIFACTS, { recursive: true })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('a blocking run stalls /health and silences the feed; the async twin does not', async () => {
    if (browser === undefined) throw new Error('no browser')
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } })
    const problems: string[] = []
    const elsewhere: string[] = []
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()) })
    page.on('pageerror', (error) => { problems.push(error.message) })
    // Offline: every request that is not for this loopback server fails.
    await page.route((url) => url.hostname !== '127.0.0.1', async (route) => {
      elsewhere.push(route.request().url())
      await route.abort('internetdisconnected')
    })

    // A second witness of the page's /health checks: the browser's own network timing of each, via CDP.
    const pings: Array<{ at: number, ms: number }> = []
    page.on('requestfinished', (request) => {
      if (!request.url().includes('/health?ping=')) return
      const timing = request.timing()
      pings.push({ at: timing.startTime, ms: timing.responseEnd })
    })
    await page.goto(`${server.url}/lab`)
    await page.locator('#feed-status', { hasText: 'Server feed live' }).waitFor({ timeout: 15_000 })

    const blocking = await runFromPage(page, '#run-sync')
    expect(blocking.worstHealthMs).toBeGreaterThanOrEqual(1000)
    const items = await page.locator('#silences li').all()
    const silences = await Promise.all(items.map(async (item) => ({ ms: Number(await item.getAttribute('data-silent-ms')), text: await item.textContent() })))
    expect(silences.length).toBeGreaterThan(0)
    expect(silences[0]?.text).toMatch(/no word from the server for \d+\.\d s/)
    expect(Math.max(...silences.map((silence) => silence.ms))).toBeGreaterThanOrEqual(1000)
    const wide = join(ARTIFACTS, 'lab-1280.png')
    await page.screenshot({ path: wide, fullPage: true })
    if (process.env.LAB_SCREENSHOT !== undefined) await copyFile(wide, join(PROJECT_ROOT, 'docs', 'images', 'lab.png'))

    const asyncStart = Date.now()
    const nonBlocking = await runFromPage(page, '#run-async')
    const slowest = pings.filter((ping) => ping.at >= asyncStart).sort((a, b) => b.ms - a.ms).slice(0, 5)
    process.stderr.write(`slowest /health checks of the async run (CDP timing): ${slowest.map((ping) => `${Math.round(ping.ms)} ms at +${((ping.at - asyncStart) / 1000).toFixed(1)} s`).join(', ')}\n`)
    // One run's ratio first: the awaited twin leaves /health at least ten times faster than the
    // blocking run did, on whatever machine this is.
    expect(nonBlocking.worstHealthMs).toBeLessThan(blocking.worstHealthMs / 10)
    // Then the absolute target, 100 ms, ten times what an idle loop answers in, over the run's load
    // (the page counts from the load generator's first word: starting a node process on two shared
    // cores is not the server's doing, and cost one check 126 ms here once). On a shared 2-core
    // machine (load average 16 seen here) every process waits for a core, so an independent client
    // — the run's own /health probe, in its own process — may see more; the page is then held to
    // that witness: it must not see a stall the server's other clients did not.
    expect(nonBlocking.worstHealthMs).toBeLessThan(Math.max(100, 2 * nonBlocking.probeMaxMs))
    expect(nonBlocking.reqPerSec).toBeGreaterThan(blocking.reqPerSec * 10)

    // The article, drawn from the trace GET /examples/4 returns: Task One and Task Two side by side.
    await page.selectOption('#example-number', '4')
    await page.click('#example-form button[type="submit"]')
    await page.locator('#timeline svg').waitFor({ timeout: 15_000 })
    expect(await page.locator('#timeline .lane-label').allTextContents()).toEqual(['Task One', 'Task Two'])
    expect(await page.locator('#timeline rect.bar').count()).toBeGreaterThanOrEqual(20)

    // Keyboard: Tab from the top reaches every run control and both buttons of the pair.
    await page.locator('h1').click()
    const reached = new Set<string>()
    for (let step = 0; step < 12; step++) {
      await page.keyboard.press('Tab')
      reached.add(await page.evaluate<string>('document.activeElement?.id ?? ""'))
    }
    expect([...reached]).toEqual(expect.arrayContaining(['run-ms', 'run-connections', 'run-duration', 'run-sync', 'run-async', 'example-number']))

    await page.setViewportSize({ width: 390, height: 844 })
    await page.screenshot({ path: join(ARTIFACTS, 'lab-390.png'), fullPage: true })
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')
    expect(overflow).toBeLessThanOrEqual(0)

    expect(elsewhere).toEqual([])
    expect(problems).toEqual([])
  }, 4 * RUN_TIMEOUT_MS)
})
