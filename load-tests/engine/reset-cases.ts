// Clients that reset their connection (TCP RST: SO_LINGER 0, what a crashed client or a scanner
// sends) at every stage of a request: in the middle of sending it, while the server works on it, in
// the middle of an answer, and after a CONNECT or an Upgrade. Shared by the reset tests
// (test/server/reset-raw.test.ts) and `npm run abuse`, which sends each case many times in a row.
import { connect, type Socket } from 'node:net'

export interface ResetCase {
  label: string
  /** Prepares what the request needs (a job to watch) and returns the bytes to send. */
  request: (url: string) => Promise<string> | string
  /** When to reset: as soon as the bytes are written, `ms` later, or once the first answer bytes are in. */
  resetAfter: 'sent' | 'first-bytes' | number
}

const HOST = 'Host: lab\r\n'
const get = (target: string, headers = ''): string => `GET ${target} HTTP/1.1\r\n${HOST}${headers}\r\n`
const postJson = (target: string, body: string, declaredLength = body.length): string =>
  `POST ${target} HTTP/1.1\r\n${HOST}Content-Type: application/json\r\nContent-Length: ${declaredLength}\r\n\r\n${body}`

async function newJob (url: string, ms: number): Promise<number> {
  const response = await fetch(`${url}/jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ms }),
    signal: AbortSignal.timeout(5000)
  })
  return ((await response.json()) as { id: number }).id
}

/** How long the in-flight cases' work lasts: long enough that the reset comes while it runs. */
export const WORK_MS = 200

export const RESET_CASES: ResetCase[] = [
  { label: 'after the request line', request: () => 'GET /health HTTP/1.1\r\n', resetAfter: 'sent' },
  { label: 'mid-headers', request: () => `GET /async/delay?ms=${WORK_MS} HTTP/1.1\r\n${HOST}X-Half: a`, resetAfter: 'sent' },
  { label: 'mid-body', request: () => postJson('/checkbook/withdraw', '{"amount":1,', 40), resetAfter: 'sent' },
  { label: 'before a queued blocking delay starts', request: () => get(`/sync/delay?ms=${WORK_MS}`), resetAfter: 'sent' },
  { label: 'during a blocking delay', request: () => get(`/sync/delay?ms=${WORK_MS}`), resetAfter: 50 },
  { label: 'during async work', request: () => get(`/async/delay?ms=${WORK_MS}`), resetAfter: 50 },
  { label: 'during a callback-style wait', request: () => get(`/async/delay?ms=${WORK_MS}&style=callback`), resetAfter: 50 },
  { label: 'during a mutex wait', request: () => postJson('/checkbook/withdraw', `{"amount":1,"ioMs":${WORK_MS},"safe":true}`), resetAfter: 50 },
  { label: 'during a laundry run', request: () => postJson('/laundry/run', `{"order":"ordered","holdMs":${WORK_MS}}`), resetAfter: 50 },
  { label: 'during an SSE stream', request: async (url) => get(`/jobs/${await newJob(url, 2 * WORK_MS)}/events`), resetAfter: 'first-bytes' },
  { label: 'during an async fetch', request: () => get(`/async/fetch?ms=${WORK_MS}`), resetAfter: 50 },
  { label: 'during a callback-style fetch', request: () => get(`/async/fetch?ms=${WORK_MS}&style=callback`), resetAfter: 50 },
  { label: 'during a blocking fetch', request: () => get(`/sync/fetch?ms=${WORK_MS}`), resetAfter: 50 },
  { label: 'during a threadpool hash', request: () => get('/async/hash?iterations=50000'), resetAfter: 10 },
  { label: 'during a worker compute', request: () => get(`/worker/compute?ms=${WORK_MS}`), resetAfter: 50 },
  { label: 'during a cooperative compute', request: () => get(`/cooperative/compute?ms=${WORK_MS}`), resetAfter: 50 },
  { label: 'after a CONNECT', request: () => `CONNECT 127.0.0.1:22 HTTP/1.1\r\n${HOST}\r\n`, resetAfter: 'sent' },
  { label: 'after an Upgrade', request: () => get(`/async/delay?ms=${WORK_MS}`, 'Connection: Upgrade\r\nUpgrade: websocket\r\n'), resetAfter: 'sent' }
]

/** Writes `bytes`, then resets the connection (RST, not FIN) at the given moment; resolves once it is gone. */
export async function sendAndReset (url: string, bytes: string, resetAfter: ResetCase['resetAfter']): Promise<void> {
  const { hostname, port } = new URL(url)
  const socket = connect(Number(port), hostname)
  // The reset is this client's own doing; the error it may report afterwards is expected.
  socket.on('error', () => {})
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
  await new Promise<void>((resolve) => socket.write(bytes, 'latin1', () => resolve()))
  if (resetAfter === 'first-bytes') await firstBytes(socket, 5000)
  else if (typeof resetAfter === 'number') await new Promise((resolve) => setTimeout(resolve, resetAfter))
  await new Promise<void>((resolve) => {
    socket.once('close', () => resolve())
    socket.resetAndDestroy()
  })
}

async function firstBytes (socket: Socket, timeoutMs: number): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs)
    socket.once('data', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}
