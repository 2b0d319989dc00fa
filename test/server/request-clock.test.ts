// Why the server's request timeout covers a whole blocking queue (src/server-limits.ts): on a new
// connection Node starts the request's clock when it accepts the connection, and checks it in the
// timers phase, before the poll phase that would read a request sent while the loop was held. A
// client that connected, then sent its request at once, gets 408 if the loop was held longer than
// the limit. Shown on a bare Node server in another process (a blocked client could send nothing),
// with a limit of a second instead of the server's minute or more.
import { connect } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../../load-tests/engine/server-process.js'
import { idleConnectionTimeoutMs, serverLimits } from '../../src/server-limits.js'

const BLOCK_MS = 1500
let server: ServerProcess | undefined

afterEach(async () => { await server?.stop() })

async function start (requestTimeoutMs: number): Promise<ServerProcess> {
  server = await startServerProcess({
    command: [process.execPath, 'test/fixtures/request-clock-server.mjs'],
    env: { REQUEST_TIMEOUT_MS: String(requestTimeoutMs) }
  })
  return server
}

/** A connection opened before the loop is held, whose request is sent while it is held: its status. */
async function requestSentDuringBlock (url: string): Promise<number> {
  const { port } = new URL(url)
  const socket = connect(Number(port), '127.0.0.1')
  try {
    socket.on('error', () => {})
    await new Promise((resolve) => socket.once('connect', resolve))
    await sleep(100) // accepted by the idle server: its clock runs from here
    const blocker = fetch(`${url}/?block=${BLOCK_MS}`)
    await sleep(300)
    const statusLine = new Promise<string>((resolve, reject) => {
      let received = ''
      socket.on('data', (chunk) => {
        received += String(chunk)
        if (received.includes('\r\n')) resolve(received.slice(0, received.indexOf('\r\n')))
      })
      socket.once('close', () => { reject(new Error(`closed with no status line: ${JSON.stringify(received)}`)) })
    })
    socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n')
    expect((await blocker).status).toBe(200)
    return Number((await statusLine).split(' ')[1])
  } finally {
    socket.destroy()
  }
}

describe('the request clock of a new connection', () => {
  it('runs from the accept: a request sent at once, during a hold longer than the limit, gets 408', async () => {
    expect(await requestSentDuringBlock((await start(1000)).url)).toBe(408)
  })

  it('with a limit longer than the hold, the same request is answered', async () => {
    expect(await requestSentDuringBlock((await start(3000)).url)).toBe(200)
  })
})

describe("the lab server's limits", () => {
  it('give a request as long to arrive as the idle sweep gives a connection: ten maximal blocking requests, a minute at least', () => {
    for (const MAX_DELAY_MS of [1, 1000, 10_000, 60_000]) {
      const limits = serverLimits({ MAX_DELAY_MS })
      expect(limits.requestTimeout).toBe(idleConnectionTimeoutMs({ MAX_DELAY_MS }))
      expect(limits.http.headersTimeout).toBe(limits.requestTimeout)
      expect(limits.requestTimeout).toBeGreaterThanOrEqual(Math.max(60_000, 10 * MAX_DELAY_MS))
    }
  })
})
