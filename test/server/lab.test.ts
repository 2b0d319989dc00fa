// The lab's feed and runs against the built server in its own process, over real sockets: the feed
// speaks every 200 ms and forgets a watcher that leaves, refuses watchers beyond its bound, and a run
// answers 202, refuses a second with 409, and ends with the result `npm run load` records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { get, type ClientRequest, type IncomingMessage } from 'node:http'
import { startServerProcess, type ServerProcess } from '../../load-tests/engine/server-process.js'
import { MAX_WATCHERS } from '../../src/lab/watchers.js'

let server: ServerProcess
beforeAll(async () => { server = await startServerProcess({ env: { LOG_LEVEL: 'warn' } }) })
afterAll(async () => { await server.stop() })

interface Watcher { request: ClientRequest, response: IncomingMessage, events: Array<Record<string, unknown>> }

/** Opens GET /lab/stream and collects its events (parsed) until closed. */
async function watch (): Promise<Watcher> {
  return new Promise((resolve, reject) => {
    const request = get(`${server.url}/lab/stream`, (response) => {
      const events: Array<Record<string, unknown>> = []
      let buffer = ''
      response.setEncoding('utf8').on('data', (chunk: string) => {
        buffer += chunk
        const frames = buffer.split('\n\n')
        buffer = frames.pop() ?? ''
        for (const frame of frames) if (frame.startsWith('data: ')) events.push(JSON.parse(frame.slice(6)) as Record<string, unknown>)
      })
      response.on('error', () => {})
      resolve({ request, response, events })
    })
    request.on('error', reject)
  })
}

const sleep = async (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function until<T> (what: string, check: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(50)
  }
}

describe('GET /lab/stream', () => {
  it('sends an event every 200 ms or so, with the loop, the routes and the watcher count', async () => {
    const first = await watch()
    expect(first.response.headers['content-type']).toMatch(/^text\/event-stream/)
    await sleep(1200)
    // Bounded count: about five in 1.2 s; a loaded machine may make it fewer.
    expect(first.events.length).toBeGreaterThanOrEqual(3)
    expect(first.events.length).toBeLessThanOrEqual(8)
    expect(first.events[0]).toMatchObject({ loop: { utilization: expect.any(Number), maxMs: expect.any(Number) }, routes: expect.any(Object), run: null, watchers: 1 })

    const second = await watch()
    await until('two watchers', () => second.events.find((event) => event.watchers === 2), 2000)
    first.request.destroy()
    await until('one watcher once the first left', () => second.events.find((event) => event.watchers === 1), 2000)
    second.request.destroy()
  })

  it(`refuses watcher ${MAX_WATCHERS + 1} with 503, and takes one again once one leaves`, async () => {
    const watchers = await Promise.all(Array.from({ length: MAX_WATCHERS }, watch))
    const refused = await fetch(`${server.url}/lab/stream`)
    expect(refused.status).toBe(503)
    expect((await refused.json() as { code: string }).code).toBe('LAB_ERR_WATCHERS_FULL')
    watchers[0]?.request.destroy()
    await sleep(200)
    const again = await watch()
    expect(again.response.statusCode).toBe(200)
    for (const watcher of [...watchers, again]) watcher.request.destroy()
  })
})

describe('POST /lab/runs', () => {
  it('202 with a Location, 409 for a second run meanwhile, then the result with its bound and verdict', async () => {
    const body = { scenario: 'delay', route: '/async/delay?ms=50', connections: 10, durationS: 1 }
    const post = async () => fetch(`${server.url}/lab/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const accepted = await post()
    expect(accepted.status).toBe(202)
    const location = accepted.headers.get('location') ?? ''
    expect(location).toMatch(/^\/lab\/runs\/\d+$/)
    const busy = await post()
    expect(busy.status).toBe(409)
    expect((await busy.json() as { code: string }).code).toBe('LAB_ERR_RUN_BUSY')

    let run: { state: string, result?: { run: Record<string, unknown>, verdicts: Array<{ text: string, check: { option: string } }> } }
    for (;;) {
      run = await (await fetch(`${server.url}${location}`)).json() as typeof run
      if (run.state !== 'running') break
      await sleep(250)
    }
    expect(run.state).toBe('done')
    expect(run.result?.run).toMatchObject({ path: '/async/delay?ms=50', role: 'non-blocking', connections: 10, bound: { reqPerSec: 200 } })
    expect(run.result?.run.reqPerSec).toBeGreaterThan(0)
    expect(run.result?.verdicts[0]?.check.option).toBe('check-async-min')
    expect((await post()).status).toBe(202)
  }, 60_000)
})
