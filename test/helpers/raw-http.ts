// Sends bytes no well-behaved HTTP client would send, and reads back one response: done when the
// server closes the connection or when the whole body (by Content-Length) is in.
import { connect } from 'node:net'
import type { Answer } from './client-error.js'

interface RawAnswer extends Answer {
  /** The status line and headers, as received. */
  head: string
}

function parse (received: Buffer): RawAnswer | undefined {
  const end = received.indexOf('\r\n\r\n')
  if (end === -1) return undefined
  const head = received.subarray(0, end).toString('latin1')
  const header = (name: string): string | undefined => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim()
  const length = Number(header('content-length') ?? Number.NaN)
  const body = received.subarray(end + 4)
  if (!Number.isInteger(length) || body.length < length) return undefined
  return { head, status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0), contentType: header('content-type'), body: body.subarray(0, length).toString('utf8') }
}

export async function sendRaw (url: string, request: string | Buffer, timeoutMs: number): Promise<RawAnswer> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const socket = connect(Number(port), hostname)
    const finish = (error?: Error): void => {
      clearTimeout(timer)
      socket.destroy()
      const answer = parse(Buffer.concat(chunks))
      if (answer !== undefined) resolve(answer)
      else reject(error ?? new Error(`no complete response; received ${JSON.stringify(Buffer.concat(chunks).toString('latin1').slice(0, 200))}`))
    }
    const timer = setTimeout(() => finish(new Error(`no response within ${timeoutMs} ms`)), timeoutMs)
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      if (parse(Buffer.concat(chunks)) !== undefined) finish()
    })
    socket.once('close', () => finish())
    // A reset after the answer was written is fine; without an answer, `finish` reports it.
    socket.on('error', () => {})
    socket.write(request)
  })
}
