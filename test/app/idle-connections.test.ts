// src/idle-connections.ts: the sweep that closes connections which carried no byte for the timeout,
// in place of Node's per-socket timer. Real sockets on loopback, a timeout of a few hundred ms.
import { createServer, type Server } from 'node:http'
import { connect, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { closeIdleConnections, type IdleConnections } from '../../src/idle-connections.js'

const TIMEOUT_MS = 300
let server: Server
let idle: IdleConnections
const clients: Socket[] = []

beforeEach(async () => {
  server = createServer((_request, response) => {
    setTimeout(() => { response.end('ok') }, 100)
  })
  idle = closeIdleConnections(server, TIMEOUT_MS)
  await new Promise<void>((resolve) => { server.listen(0, '127.0.0.1', resolve) })
})

afterEach(async () => {
  idle.stop()
  for (const client of clients.splice(0)) client.destroy()
  server.closeAllConnections()
  await new Promise((resolve) => { server.close(resolve) })
})

async function open (): Promise<{ socket: Socket, closedAfterMs: Promise<number> }> {
  const socket = connect((server.address() as AddressInfo).port, '127.0.0.1')
  clients.push(socket)
  socket.on('error', () => {})
  await new Promise((resolve) => socket.once('connect', resolve))
  const openedAt = performance.now()
  const closedAfterMs = new Promise<number>((resolve) => socket.once('close', () => { resolve(performance.now() - openedAt) }))
  return { socket, closedAfterMs }
}

const stillOpen = (socket: Socket): boolean => !socket.destroyed && socket.readyState === 'open'

it('closes a connection that sends nothing, after the timeout and within one sweep of it', async () => {
  const { closedAfterMs } = await open()
  const closedAfter = await closedAfterMs
  expect(closedAfter).toBeGreaterThanOrEqual(TIMEOUT_MS - 20)
  // A sweep is a tenth of the timeout; the margin covers a busy machine's late timers.
  expect(closedAfter).toBeLessThan(TIMEOUT_MS * 2)
  // The server's end of the socket closes a moment after the client sees it close.
  await sleep(50)
  expect(idle.size).toBe(0)
})

it('keeps a connection whose bytes keep coming, however long it lasts', async () => {
  const { socket } = await open()
  // A request's header, a few bytes every 50 ms, for three timeouts.
  const header = 'GET / HTTP/1.1\r\nHost: x\r\n' + 'X-Slow: ' + 'a'.repeat(20)
  for (const byte of header) {
    if (socket.destroyed) break
    socket.write(byte)
    await sleep(TIMEOUT_MS * 3 / header.length)
  }
  expect(stillOpen(socket)).toBe(true)
})

it('keeps a kept-alive connection that is used, and closes it once it has been idle for the timeout', async () => {
  const { socket, closedAfterMs } = await open()
  let answers = 0
  socket.on('data', (chunk) => { answers += chunk.toString().split('HTTP/1.1 200').length - 1 })
  for (let i = 0; i < 4; i++) {
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n')
    await sleep(TIMEOUT_MS / 2)
  }
  expect(answers).toBe(4)
  expect(stillOpen(socket)).toBe(true)
  const lastUseAt = performance.now()
  await closedAfterMs
  expect(performance.now() - lastUseAt).toBeGreaterThanOrEqual(TIMEOUT_MS / 2)
})

it('stops watching when stopped: a connection opened after stop() is never closed by it', async () => {
  idle.stop()
  const { socket } = await open()
  await sleep(TIMEOUT_MS * 2)
  expect(stillOpen(socket)).toBe(true)
  expect(idle.size).toBe(0)
})
