// The lab's page and run requests through app.inject: what a browser gets, and what a hostile client
// gets for every bad run request (a 400 naming the field, never a run).
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp, withTestApp } from '../helpers/build-test-app.js'

const app = await buildTestApp()
afterAll(async () => { await app.close() })

const VALID = { scenario: 'delay', route: '/sync/delay?ms=50', connections: 50, durationS: 5 }
const postRun = async (payload: string) => app.inject({ method: 'POST', url: '/lab/runs', headers: { 'content-type': 'application/json' }, payload })

describe('GET /lab', () => {
  it('is an HTML page whose controls are labelled and whose assets all come from this server', async () => {
    const response = await app.inject('/lab')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/html/)
    const html = response.body
    for (const id of ['run-ms', 'run-connections', 'run-duration']) expect(html).toMatch(new RegExp(`<label>[^<]+<input id="${id}"`))
    expect(html).toContain('Block it')
    expect(html).toContain('Don\'t')
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1])
    expect(sources.length).toBeGreaterThanOrEqual(2)
    expect(sources.filter((source) => !source?.startsWith('/lab/assets/'))).toEqual([])
  })

  it('says runs are off, and offers no run buttons, with LAB_RUNS=false', async () => {
    await withTestApp({ LAB_RUNS: false }, async (off) => {
      expect((await off.inject('/lab')).body).not.toContain('id="run-sync"')
      const response = await off.inject({ method: 'POST', url: '/lab/runs', payload: VALID })
      expect(response.statusCode).toBe(403)
      expect(response.json().code).toBe('LAB_ERR_RUNS_OFF')
    })
  })
})

describe('GET /', () => {
  it('sends a browser (Accept: text/html) to /lab, and curl (*/*) still gets text', async () => {
    const browser = await app.inject({ url: '/', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } })
    expect(browser.statusCode).toBe(302)
    expect(browser.headers.location).toBe('/lab')
    const curl = await app.inject({ url: '/', headers: { accept: '*/*' } })
    expect(curl.statusCode).toBe(200)
    expect(curl.headers['content-type']).toMatch(/^text\/plain/)
  })
})

describe('POST /lab/runs refuses what it must not run', () => {
  it('bad JSON: 400 about the body', async () => {
    const response = await postRun('{"scenario": "delay",')
    expect(response.statusCode).toBe(400)
    expect(response.json().message).toMatch(/body/i)
  })

  it.each([
    ['an unknown route', { route: '/sync/hash?ms=50' }, 'route'],
    ['an absolute URL', { route: 'http://example.com/sync/delay?ms=50' }, 'route'],
    ['a protocol-relative URL', { route: '//example.com/sync/delay?ms=50' }, 'route'],
    ['a query it does not know', { route: '/sync/delay?ms=50&host=example.com' }, 'route'],
    ['ms out of range', { route: '/sync/delay?ms=100000' }, 'route'],
    ['an unknown scenario', { scenario: 'soak' }, 'scenario'],
    ['0 connections', { connections: 0 }, 'connections'],
    ['10 000 connections', { connections: 10_000 }, 'connections'],
    ['durationS 999', { durationS: 999 }, 'durationS'],
    ['a field it does not know', { url: 'http://example.com' }, 'url']
  ])('%s: 400 naming %s', async (_what, change, field) => {
    const response = await postRun(JSON.stringify({ ...VALID, ...change }))
    expect(response.statusCode).toBe(400)
    expect(response.json().message).toContain(field)
  })
})

describe('GET /lab/runs/:id', () => {
  it('404 for a run that never was, 400 for an id that is not one', async () => {
    expect((await app.inject('/lab/runs/12345')).statusCode).toBe(404)
    const bad = await app.inject('/lab/runs/abc')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toContain('id')
  })
})
