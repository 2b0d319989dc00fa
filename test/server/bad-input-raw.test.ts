// Requests only a raw socket can send — absurd headers, huge URLs, broken request lines, smuggling
// attempts — against the built server listening for real: Node's HTTP parser and Fastify's
// client-error handler answer these before any route runs. Every one must get a 4xx JSON error, in time.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../../load-tests/engine/server-process.js'
import { ANSWER_TIMEOUT_MS, expectJsonClientError } from '../helpers/client-error.js'
import { sendRaw } from '../helpers/raw-http.js'

let server: ServerProcess
beforeAll(async () => { server = await startServerProcess({ env: { LOG_LEVEL: 'warn' } }) })
afterAll(async () => { await server.stop() })

const HOST = 'Host: lab\r\nConnection: close\r\n'
const get = (target: string, headers = ''): string => `GET ${target} HTTP/1.1\r\n${HOST}${headers}\r\n`
const post = (headers: string, body = ''): string => `POST /health HTTP/1.1\r\n${HOST}${headers}\r\n${body}`

const cases: Array<[label: string, status: number, request: string]> = [
  ['a 20 KB header', 431, get('/health', `X-Big: ${'a'.repeat(20_000)}\r\n`)],
  ['3 000 headers', 431, get('/health', Array.from({ length: 3000 }, (_, i) => `X-${i}: 1\r\n`).join(''))],
  ['a 20 KB cookie', 431, get('/health', `Cookie: ${'c=1; '.repeat(4000)}\r\n`)],
  ['a 20 KB URL', 431, get(`/health?${'a'.repeat(20_000)}`)],
  ['an 8 KB number', 400, get(`/async/delay?ms=${'1'.repeat(8000)}`)],
  ['garbage instead of a request line', 400, 'GARBAGE\r\n\r\n'],
  ['HTTP/9.9', 400, `GET /health HTTP/9.9\r\n${HOST}\r\n`],
  ['an unknown method', 400, `FOO /health HTTP/1.1\r\n${HOST}\r\n`],
  ['a lower-case method', 400, `get /health HTTP/1.1\r\n${HOST}\r\n`],
  ['a control character in the URL', 400, get('/he\u0001alth')],
  ['a raw UTF-8 byte in the URL', 400, get('/h\u00e9alth')],
  ['bare LF line endings', 400, 'GET /health HTTP/1.1\nHost: lab\nConnection: close\n\n'],
  ['NUL in a header value', 400, get('/health', 'X-A: b\u0000c\r\n')],
  ['a header line without a colon', 400, get('/health', 'NoColonHere\r\n')],
  ['a space in a header name', 400, get('/health', 'Bad Header: x\r\n')],
  ['an obsolete folded header', 400, get('/health', 'X-A: b\r\n c\r\n')],
  ['no Host header', 400, 'GET /health HTTP/1.1\r\nConnection: close\r\n\r\n'],
  ['two Host headers', 400, get('/health', 'Host: other\r\n')],
  ['an unknown Expect', 417, get('/health', 'Expect: bogus\r\n')],
  ['CONNECT (this is not a proxy)', 405, `CONNECT 127.0.0.1:22 HTTP/1.1\r\n${HOST}\r\n`],
  ['two different Content-Lengths', 400, post('Content-Length: 1\r\nContent-Length: 2\r\n', 'ab')],
  ['Content-Length with Transfer-Encoding (smuggling)', 400, post('Content-Length: 3\r\nTransfer-Encoding: chunked\r\n', '0\r\n\r\n')],
  ['a malformed chunk size', 400, post('Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n', 'ZZ\r\n{}\r\n0\r\n\r\n')],
  ['a negative Content-Length', 400, post('Content-Length: -1\r\n')],
  ['an exponent Content-Length', 400, post('Content-Length: 1e3\r\n')],
  ['a 100 GB Content-Length', 413, post('Content-Type: application/json\r\nContent-Length: 99999999999\r\n', '{}')],
  ['a truncated JSON body', 400, post('Content-Type: application/json\r\nContent-Length: 5\r\n', '{"a":')],
  ['dot segments sent as they are', 403, get('/docs/static/../../package.json')],
  ['dot segments up to /etc/passwd', 403, get('/docs/static/../../../../etc/passwd')],
  ['an unsatisfiable Range', 416, get('/docs/static/index.css', 'Range: bytes=999999-1\r\n')]
]

it.each(cases)('%s: %i JSON error', async (label, status, request) => {
  const answer = await sendRaw(server.url, Buffer.from(request, 'latin1'), ANSWER_TIMEOUT_MS)
  expectJsonClientError(answer, label)
  expect(answer.status, label).toBe(status)
})

it('answers /health afterwards, and logged nothing at error level', async () => {
  expect((await fetch(`${server.url}/health`)).status).toBe(200)
  expect(server.logs.filter((line) => Number(line.level) >= 50)).toEqual([])
})
