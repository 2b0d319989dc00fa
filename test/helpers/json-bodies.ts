// POSTing JSON through app.inject(), and the bodies a hostile client sends to a JSON route.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'

export async function postJson (app: FastifyInstance, url: string, body: unknown): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } })
}

export interface HostileBody {
  name: string
  payload: string
  contentType: string
  status: number
  message?: RegExp
}

/** Bad variants of `valid`, a body whose `numberField` holds a valid integer. */
export function hostileBodies (valid: Record<string, unknown>, numberField: string): HostileBody[] {
  const json = 'application/json'
  const withNumber = (raw: string): string => JSON.stringify(valid).replace(
    `"${numberField}":${JSON.stringify(valid[numberField])}`, `"${numberField}":${raw}`)
  const badNumber = (raw: string, shown = raw): HostileBody => ({
    name: `${numberField}: ${raw}`,
    payload: withNumber(raw),
    contentType: json,
    status: 400,
    message: new RegExp(`^body field ${numberField} must be an integer from .* \\(got ${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)$`)
  })
  return [
    badNumber('"5"'), badNumber('1e400', 'Infinity'), badNumber('-1e400', '-Infinity'), badNumber('1e21', '1e+21'), badNumber('-1'),
    badNumber('1.5'), badNumber('null'), badNumber('true'), badNumber('[5]'), badNumber('{}'),
    { name: 'an extra field', payload: JSON.stringify({ ...valid, extra: 1 }), contentType: json, status: 400, message: /^body field extra is not allowed$/ },
    { name: 'an array', payload: '[]', contentType: json, status: 400, message: /^body must be a JSON object/ },
    { name: 'null', payload: 'null', contentType: json, status: 400, message: /^body must be a JSON object/ },
    { name: 'a string', payload: '"x"', contentType: json, status: 400, message: /^body must be a JSON object/ },
    { name: 'invalid JSON', payload: '{"x":', contentType: json, status: 400 },
    { name: 'an empty body', payload: '', contentType: json, status: 400 },
    { name: 'a prototype-poisoning key', payload: '{"__proto__":{"x":1}}', contentType: json, status: 400 },
    { name: 'a duplicated key', payload: withNumber(`${JSON.stringify(valid[numberField])},"${numberField}":1e400`), contentType: json, status: 400 },
    { name: 'the JSON sent as text/plain', payload: JSON.stringify(valid), contentType: 'text/plain', status: 400, message: /^body must be a JSON object/ },
    { name: 'a form', payload: `${numberField}=1`, contentType: 'application/x-www-form-urlencoded', status: 415 },
    { name: 'a body over the size limit', payload: JSON.stringify({ ...valid, pad: 'x'.repeat(2000) }), contentType: json, status: 413 }
  ]
}

/** POSTs `body` and expects its refusal: the status it should get, as a JSON error with that message. */
export async function expectRefused (app: FastifyInstance, url: string, body: HostileBody): Promise<void> {
  const response = await app.inject({ method: 'POST', url, payload: body.payload, headers: { 'content-type': body.contentType } })
  expect(response.statusCode).toBe(body.status)
  expect(response.json()).toMatchObject({ statusCode: body.status })
  if (body.message !== undefined) expect(response.json().message).toMatch(body.message)
}
