// POSTing JSON through app.inject(), and the bodies a hostile client sends to a JSON route.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'

export async function postJson (app: FastifyInstance, url: string, body: unknown): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } })
}

interface HostileBody {
  name: string
  payload: string
  contentType: string
  status: number
  message?: RegExp
}

const JSON_TYPE = 'application/json'

/** Bad variants of `valid` in its integer field `field`: wrong numbers and types, the key twice, a form. */
export function badNumberBodies (valid: Record<string, unknown>, field: string): HostileBody[] {
  const withNumber = (raw: string): string => JSON.stringify(valid).replace(
    `"${field}":${JSON.stringify(valid[field])}`, `"${field}":${raw}`)
  const badNumber = (raw: string, shown = raw): HostileBody => ({
    name: `${field}: ${raw}`,
    payload: withNumber(raw),
    contentType: JSON_TYPE,
    status: 400,
    message: new RegExp(`^body field ${field} must be an integer from .* \\(got ${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)$`)
  })
  return [
    badNumber('"5"'), badNumber('1e400', 'Infinity'), badNumber('-1e400', '-Infinity'), badNumber('1e21', '1e+21'), badNumber('-1'),
    badNumber('1.5'), badNumber('null'), badNumber('true'), badNumber('[5]'), badNumber('{}'),
    { name: `${field} given twice`, payload: withNumber(`${JSON.stringify(valid[field])},"${field}":1e400`), contentType: JSON_TYPE, status: 400 },
    { name: `a form with ${field}`, payload: `${field}=1`, contentType: 'application/x-www-form-urlencoded', status: 415 }
  ]
}

/** Bodies of the wrong shape, whatever the fields: not an object, not JSON, too big, one field too many. */
export function badShapeBodies (valid: Record<string, unknown>): HostileBody[] {
  return [
    { name: 'an extra field', payload: JSON.stringify({ ...valid, extra: 1 }), contentType: JSON_TYPE, status: 400, message: /^body field extra is not allowed$/ },
    { name: 'an array', payload: '[]', contentType: JSON_TYPE, status: 400, message: /^body must be a JSON object/ },
    { name: 'null', payload: 'null', contentType: JSON_TYPE, status: 400, message: /^body must be a JSON object/ },
    { name: 'a string', payload: '"x"', contentType: JSON_TYPE, status: 400, message: /^body must be a JSON object/ },
    { name: 'invalid JSON', payload: '{"x":', contentType: JSON_TYPE, status: 400 },
    { name: 'an empty body', payload: '', contentType: JSON_TYPE, status: 400 },
    { name: 'a prototype-poisoning key', payload: '{"__proto__":{"x":1}}', contentType: JSON_TYPE, status: 400 },
    { name: 'the JSON sent as text/plain', payload: JSON.stringify(valid), contentType: 'text/plain', status: 400, message: /^body must be a JSON object/ },
    { name: 'a body over the size limit', payload: JSON.stringify({ ...valid, pad: 'x'.repeat(2000) }), contentType: JSON_TYPE, status: 413 }
  ]
}

/** POSTs `body` and expects its refusal: the status it should get, as a JSON error with that message. */
export async function expectRefused (app: FastifyInstance, url: string, body: HostileBody): Promise<void> {
  const response = await app.inject({ method: 'POST', url, payload: body.payload, headers: { 'content-type': body.contentType } })
  expect(response.statusCode).toBe(body.status)
  expect(response.json()).toMatchObject({ statusCode: body.status })
  if (body.message !== undefined) expect(response.json().message).toMatch(body.message)
}
