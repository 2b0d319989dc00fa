import { Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { Nullable, StringEnum } from '../../src/schemas/answer-types.js'

const Answer = Type.Object({
  mode: StringEnum(['sync', 'async']),
  ms: Nullable(Type.Number()),
  request: Nullable(Type.Object({ id: Type.String() }))
})

describe('Value.Check reads them as the unions they stand for', () => {
  it.each([
    [{ mode: 'async', ms: null, request: null }, true],
    [{ mode: 'sync', ms: 1.5, request: { id: 'r1' } }, true],
    [{ mode: 'worker', ms: 1, request: null }, false],
    [{ mode: 'sync', ms: '1', request: null }, false],
    [{ mode: 'sync', ms: 1, request: { id: 7 } }, false],
    [{ mode: 'sync', ms: 1 }, false]
  ])('%j: %s', (value, valid) => {
    expect(Value.Check(Answer, value)).toBe(valid)
    // Composed into another object (as the fetch report extends the work report), they still check.
    expect(Value.Check(Type.Composite([Answer, Type.Object({ pid: Type.Integer() })]), { ...value, pid: 1 })).toBe(valid)
  })
})

it('are plain enum and nullable keywords: what OpenAPI 3.0 and Ajv read', () => {
  expect(JSON.parse(JSON.stringify(Answer.properties.mode))).toEqual({ type: 'string', enum: ['sync', 'async'] })
  expect(JSON.parse(JSON.stringify(Answer.properties.ms))).toEqual({ type: 'number', nullable: true })
})

it('Nullable refuses a schema it cannot check (an array)', () => {
  expect(() => Nullable(Type.Array(Type.String()))).toThrow(/array schema cannot be made nullable/)
})

it('Fastify writes null, numbers and enum values through them, and validates a body with them', async () => {
  const app = Fastify()
  app.post('/echo', { schema: { body: Answer, response: { 200: Answer } } }, async (request) => request.body)
  try {
    const sent = [{ mode: 'async', ms: null, request: null }, { mode: 'sync', ms: 2.5, request: { id: 'x' } }]
    for (const body of sent) expect((await app.inject({ method: 'POST', url: '/echo', payload: body })).json()).toEqual(body)
    const refused = await app.inject({ method: 'POST', url: '/echo', payload: { mode: 'worker', ms: null, request: null } })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().message).toMatch(/mode.*allowed values/)
  } finally {
    await app.close()
  }
})
