// /docs in a real browser, offline: Swagger UI must draw every route from this server's assets alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { Browser } from 'playwright-core'
import { buildTestApp } from '../helpers/build-test-app.js'
import { launchChromium, skipWithoutChromium } from '../helpers/chromium.js'

let app: FastifyInstance
let browser: Browser | undefined
let baseUrl = ''

describe.skipIf(skipWithoutChromium('/docs browser test'))('/docs in headless Chromium', () => {
  beforeAll(async () => {
    app = await buildTestApp()
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('draws an operation for every documented route, requesting nothing but this server', async () => {
    if (browser === undefined) throw new Error('no browser')
    const page = await browser.newPage()
    const requested: string[] = []
    const problems: string[] = []
    page.on('request', (request) => { requested.push(request.url()) })
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()) })
    page.on('pageerror', (error) => { problems.push(error.message) })
    // Offline: any request that leaves this server fails.
    await page.route((url) => !url.href.startsWith(baseUrl), (route) => route.abort('internetdisconnected'))

    await page.goto(`${baseUrl}/docs`)
    await page.waitForSelector('.opblock-summary-path', { timeout: 15_000 })
    const drawn = await page.$$eval('.opblock-summary-path', (nodes) => nodes.map((node) => node.getAttribute('data-path')))
    const documented = Object.keys((await app.inject('/docs/json')).json().paths)

    expect(drawn.sort()).toEqual(documented.sort())
    expect(requested.filter((url) => !url.startsWith(baseUrl))).toEqual([])
    expect(problems).toEqual([])
  })
})
