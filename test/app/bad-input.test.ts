// A hostile client's requests, through the whole app (app.inject): every one gets a 4xx JSON error
// of the usual shape, in time — never a 500, never a hang — and the server answers /health afterwards.
// Requests only a real socket can send (absurd headers, broken request lines) are in
// test/server/bad-input-raw.test.ts; cases derived from every route's schema in bad-input-routes.test.ts.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { buildTestApp } from '../helpers/build-test-app.js'
import { expectJsonClientError, injected, withinTimeout } from '../helpers/client-error.js'

let app: FastifyInstance
beforeAll(async () => { app = await buildTestApp() })
afterAll(async () => { await app.close() })

type Case = [label: string, status: number, request: InjectOptions]

const ms = (value: string): InjectOptions => ({ url: `/async/delay?ms=${value}` })
const json = (url: string, payload: string, contentType = 'application/json'): InjectOptions =>
  ({ method: 'POST', url, payload, headers: { 'content-type': contentType } })

const numbers: Case[] = [
  ['negative', 400, ms('-1')], ['above the bound', 400, ms('10001')], ['20 digits', 400, ms('99999999999999999999')],
  ['beyond double precision', 400, ms('9007199254740993')], ['1e400 (Infinity once parsed)', 400, ms('1e400')],
  ['Infinity', 400, ms('Infinity')], ['-Infinity', 400, ms('-Infinity')], ['NaN', 400, ms('NaN')], ['hex', 400, ms('0x10')],
  ['binary', 400, ms('0b11')], ['octal', 400, ms('0o17')], ['fraction', 400, ms('1.5')], ['exponent', 400, ms('1e3')],
  ['leading plus', 400, ms('+5')], ['leading space', 400, ms('%205')], ['trailing space', 400, ms('5%20')],
  ['digit separators', 400, ms('1_000')], ['negative zero with decimals', 400, ms('-0.0')], ['empty', 400, ms('')],
  ['letters', 400, ms('abc')], ['100 000 digits', 400, ms('9'.repeat(100_000))]
]

const unicodeAndControl: Case[] = [
  ['NUL', 400, ms('%00')], ['newline', 400, ms('5%0A')], ['ANSI escape', 400, ms('%1B%5B31m5')],
  ['right-to-left override', 400, ms('%E2%80%AE5')], ['Arabic-Indic digit', 400, ms('%D9%A5')],
  ['fullwidth digit', 400, ms('%EF%BC%95')], ['emoji', 400, ms('%F0%9F%92%A5')], ['invalid UTF-8', 400, ms('%C3%28')],
  ['lone surrogate', 400, ms('%ED%A0%80')], ['lone percent', 400, ms('%')],
  ['NUL after an enum value', 400, { url: '/async/delay?style=callback%00' }],
  ['zero-width space before an enum value', 400, { url: '/async/delay?style=%E2%80%8Bcallback' }],
  ['percent sign in the path', 400, { url: '/health%' }], ['lone percent path', 400, { url: '/%' }],
  ['NUL in the path', 404, { url: '/health%00' }], ['accented path', 404, { url: '/h%C3%A9alth' }]
]

const duplicated: Case[] = [
  ['two values', 400, ms('5&ms=6')], ['the same value twice', 400, ms('5&ms=5')],
  ['two enum values', 400, { url: '/async/delay?style=promise&style=callback' }],
  ['two booleans', 400, { url: '/stats?reset=true&reset=true' }]
]

const huge: Case[] = [
  ['10 000 parameters before a bad one', 400, { url: `/async/delay?${'a=1&'.repeat(10_000)}ms=abc` }],
  ['a 1 MB parameter beside a bad one', 400, { url: `/async/delay?x=${'y'.repeat(1_000_000)}&ms=-1` }],
  ['a 10 000-character path', 404, { url: `/${'a'.repeat(10_000)}` }],
  ['a path parameter longer than maxParamLength', 404, { url: `/docs/${'a'.repeat(500)}` }]
]

const pathTraversal: Case[] = [
  ['dot segments (normalised by the client)', 404, { url: '/docs/static/../../package.json' }],
  ['encoded dot segments', 404, { url: '/docs/static/%2e%2e/%2e%2e/package.json' }],
  ['encoded slashes', 404, { url: '/docs/static/..%2f..%2fpackage.json' }],
  ['encoded backslashes', 403, { url: '/docs/static/..%5c..%5cpackage.json' }],
  ['absolute path', 403, { url: '/docs/static//etc/passwd' }],
  ['NUL in a file name', 403, { url: '/docs/static/%00' }],
  ['unknown route', 404, { url: '/etc/passwd' }]
]

const wrongMethods: Case[] = [
  ['DELETE', 404, { method: 'DELETE', url: '/sync/delay' }], ['PUT', 404, { method: 'PUT', url: '/health' }],
  ['PATCH', 404, { method: 'PATCH', url: '/' }], ['POST', 404, { method: 'POST', url: '/stats' }],
  ['OPTIONS', 404, { method: 'OPTIONS', url: '/metrics' }], ['TRACE', 404, { method: 'TRACE', url: '/health' }]
]

const bodies: Case[] = [
  ['malformed JSON', 400, json('/health', '{"a":')], ['empty JSON body', 400, json('/health', '')],
  ['oversize JSON (over bodyLimit)', 413, json('/health', JSON.stringify({ pad: 'x'.repeat(20_000) }))],
  ['__proto__ key', 400, json('/health', '{"__proto__":{"polluted":true}}')],
  ['constructor.prototype key', 400, json('/health', '{"constructor":{"prototype":{"polluted":true}}}')],
  ['a content type with no type', 415, json('/health', '{}', ';')],
  // Parsed only once a route is found: for a path that takes no body, the router answers first.
  // Routes that take a body get these with a 415 in bad-input-routes.test.ts.
  ['form-encoded body, no such route', 404, json('/health', 'a=1', 'application/x-www-form-urlencoded')],
  ['multipart body, no such route', 404, json('/health', '--x--', 'multipart/form-data; boundary=x')],
  ['JSON in a charset it cannot decode, no such route', 404, json('/health', '{}', 'application/json; charset=utf-7')]
]

const cases: Case[] = [...numbers, ...unicodeAndControl, ...duplicated, ...huge, ...pathTraversal, ...wrongMethods, ...bodies]

it.each(cases)('%s: %i JSON error', async (label, status, request) => {
  const response = await withinTimeout(app.inject(request), label)
  expectJsonClientError(injected(response), label)
  expect(response.statusCode, label).toBe(status)
})

it('answers /health afterwards', async () => {
  expect((await app.inject('/health')).statusCode).toBe(200)
})
