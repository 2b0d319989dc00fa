// Node answers a few protocol errors itself, before Fastify sees the request, with an empty body
// (a missing Host: 400; an unknown Expect: 417) or with no answer at all (CONNECT: the socket is
// dropped). Here they get the same JSON error as every other 4xx. Malformed request lines and
// oversized headers already do: Fastify's client-error handler answers those in JSON.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import { errorBody } from './error-handling.js'

function jsonError (statusCode: number, message: string): { body: string, headers: Record<string, string> } {
  const body = JSON.stringify(errorBody(statusCode, message))
  return {
    body,
    headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), connection: 'close' }
  }
}

/** How many Host header lines the request carried (Node keeps only the first in `headers`). Runs on
 * every request, so it allocates nothing: only four-letter names are lower-cased. */
function hostLines (rawHeaders: string[]): number {
  let count = 0
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] ?? ''
    if (name.length === 4 && name.toLowerCase() === 'host') count++
  }
  return count
}

/** How long a CONNECT socket may stay idle after its 405, waiting for the client to close its side. */
const CONNECT_LINGER_MS = 10_000

async function protocolErrors (app: FastifyInstance): Promise<void> {
  // RFC 9112 §3.2: an HTTP/1.1 request with no Host, or more than one, gets a 400. Node's own check is
  // switched off in src/server-limits.ts (it answers with no body) so that this one answers instead.
  // A merged check (src/plugins/merged-hooks.ts): the common case (one Host) costs a loop over the
  // header names, no hook of its own.
  app.mergedHooks.onArrival((request, reply) => {
    const { httpVersion, rawHeaders } = request.raw
    if (httpVersion !== '1.1' || hostLines(rawHeaders) === 1) return false
    reply.code(400).send(errorBody(400, 'An HTTP/1.1 request needs exactly one Host header.'))
    return true
  })

  app.server.on('checkExpectation', (_request, response) => {
    const { body, headers } = jsonError(417, 'Only "Expect: 100-continue" is supported.')
    response.writeHead(417, headers).end(body)
  })

  // No response object here: the socket is handed over raw, as a proxy would tunnel it, and Node
  // takes its own error listener off. So this handler owns the socket: a client that resets before
  // the 405 is written (scanners do) is an 'error' here, not an uncaught exception that ends the process.
  app.server.on('connect', (request, socket: Socket) => {
    socket.on('error', (err) => { app.log.debug({ err, url: request.url }, 'CONNECT client went away') })
    // The server's own timeouts no longer cover this socket, and the server accepts half-open
    // connections: a client that never closes its side would hold it for good.
    socket.setTimeout(CONNECT_LINGER_MS, () => { socket.destroy() })
    const { body, headers } = jsonError(405, 'CONNECT is not supported: this server is not a proxy.')
    const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')
    socket.end(`HTTP/1.1 405 ${STATUS_CODES[405] ?? ''}\r\n${head}\r\n${body}`)
  })
}

export default fp(protocolErrors, { name: 'protocol-errors', dependencies: ['merged-hooks'] })
