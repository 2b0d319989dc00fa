// Whatever the upstream sends, a valid request to the fetch pair never gets a 500: a usable answer is
// a 200 (upstreamMs null when the time is missing or unreadable), anything else a JSON 502. The
// upstream is a stand-in in this process; the server runs in its own, so the blocking client can wait.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { startServerProcess, type ServerProcess } from '../../load-tests/engine/server-process.js'
import { listenOnLoopback, type StandInServer } from '../helpers/stand-in-server.js'

type Behaviour = (response: ServerResponse, request: IncomingMessage) => void

const json = '{"mode":"async","work":"delay","ms":10}'
const BEHAVIOURS: Record<string, { answer: Behaviour, status: 200 | 502, upstreamMs?: number | null }> = {
  'no Server-Timing': { answer: (response) => response.end(json), status: 200, upstreamMs: null },
  'a Server-Timing without a number': { answer: (response) => response.setHeader('server-timing', 'work;dur=abc, db;dur=-5').end(json), status: 200, upstreamMs: null },
  'two Server-Timing headers': { answer: (response) => response.setHeader('server-timing', ['work;dur=7', 'work;dur=9']).end(json), status: 200, upstreamMs: 7 },
  'odd headers': {
    answer: (response) => response.setHeader('x-empty', '').setHeader('content-type', 'text/x-nonsense; charset=klingon').setHeader('x-many', Array.from({ length: 50 }, (_, i) => `v${i}`)).end(json),
    status: 200,
    upstreamMs: null
  },
  'an empty body': { answer: (response) => response.setHeader('server-timing', 'work;dur=3').end(), status: 200, upstreamMs: 3 },
  'a slow body (5 chunks, 60 ms apart)': {
    answer: (response) => {
      response.setHeader('server-timing', 'work;dur=4')
      let sent = 0
      const timer = setInterval(() => {
        response.write('x'.repeat(100))
        if (++sent === 5) { clearInterval(timer); response.end() }
      }, 60)
      response.once('close', () => clearInterval(timer))
    },
    status: 200,
    upstreamMs: 4
  },
  'a 500': { answer: (response) => { response.statusCode = 500; response.end('{"oops":true}') }, status: 502 },
  'garbage instead of HTTP': { answer: (_response, request) => { request.socket.end('NOT HTTP AT ALL\r\n\r\n') }, status: 502 },
  'a body cut short': { answer: (response, request) => { response.setHeader('content-length', '100').write('0123456789', () => request.socket.destroy()) }, status: 502 },
  'a reset': { answer: (_response, request) => { request.socket.resetAndDestroy() }, status: 502 }
}

let behaviour: Behaviour = (response) => response.setHeader('server-timing', 'work;dur=1').end(json)
let upstream: StandInServer
let server: ServerProcess
beforeAll(async () => {
  upstream = await listenOnLoopback((request, response) => {
    // Start-up checks (/health) get a plain 200; the fetch pair's calls get the behaviour under test.
    if (request.url?.startsWith('/upstream/delay') === true) behaviour(response, request)
    else response.end('{"status":"ok"}')
  })
  server = await startServerProcess({ env: { LOG_LEVEL: 'warn', UPSTREAM_URL: upstream.url } })
})
afterAll(async () => {
  await server.stop()
  await upstream.close()
})

describe.each(Object.entries(BEHAVIOURS))('an upstream that answers with %s', (_name, { answer, status, upstreamMs }) => {
  it.each(['/sync/fetch?ms=10', '/async/fetch?ms=10', '/async/fetch?ms=10&style=callback'])(`%s: ${status}, never a 500`, async (path) => {
    behaviour = answer
    const response = await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(10_000) })
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const body = await response.json() as Record<string, unknown>
    expect(response.status).toBe(status)
    if (status === 200) expect(body.upstreamMs).toBe(upstreamMs)
    else expect(body.code).toBe('LAB_ERR_UPSTREAM_FAILED')
  })
})

it('the server is still up after all of them', async () => {
  expect((await fetch(`${server.url}/health`)).status).toBe(200)
  expect(server.child.exitCode).toBeNull()
})
