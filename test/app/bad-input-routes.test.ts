// Hostile requests derived from every route's own schema (through the OpenAPI document at
// /docs/json), so routes added later are covered the moment they are registered: each one must get a
// 4xx JSON error naming the parameter or field, in time, and never a 5xx.
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../helpers/build-test-app.js'
import { expectJsonClientError, injected, withinTimeout } from '../helpers/client-error.js'
import { bodyCases, endpoints, parameterCases, type JsonSchema, type OpenApiDocument } from '../helpers/schema-cases.js'

const app = await buildTestApp()
afterAll(async () => { await app.close() })

const routes = endpoints((await app.inject('/docs/json')).json() as OpenApiDocument)
const parameterAttacks = routes.flatMap(parameterCases)
const bodyAttacks = routes.flatMap(bodyCases)

describe('every parameter and body field is bounded', () => {
  const fields = routes.flatMap((route) => [
    ...route.parameters.filter((parameter) => parameter.in === 'query' || parameter.in === 'path')
      .map((parameter) => ({ where: `${route.method} ${route.path} ${parameter.in} ${parameter.name}`, schema: parameter.schema })),
    ...Object.entries(route.body?.properties ?? {}).map(([name, schema]) => ({ where: `${route.method} ${route.path} body ${name}`, schema }))
  ])
  const bounded = (schema: JsonSchema): boolean => {
    if (schema.enum !== undefined || schema.anyOf !== undefined || schema.type === 'boolean') return true
    if (schema.type === 'integer' || schema.type === 'number') return schema.minimum !== undefined && schema.maximum !== undefined
    if (schema.type === 'string') return schema.maxLength !== undefined
    return false
  }

  it('has parameters and fields to check', () => { expect(fields.length).toBeGreaterThanOrEqual(4) })
  it.each(fields)('$where', ({ schema }) => { expect(bounded(schema), JSON.stringify(schema)).toBe(true) })
})

describe('query and path parameters', () => {
  it('derives cases from every route that takes parameters', () => { expect(parameterAttacks.length).toBeGreaterThanOrEqual(20) })

  it.each(parameterAttacks)('$label', async ({ label, request, field }) => {
    const response = await withinTimeout(app.inject(request), label)
    expectJsonClientError(injected(response), label)
    if (response.statusCode === 400 && field !== undefined) expect(response.json().message, label).toContain(field)
  })
})

describe('JSON bodies', () => {
  it('derives cases from every route that takes a body', () => { expect(bodyAttacks.length).toBeGreaterThanOrEqual(40) })

  it.each(bodyAttacks)('$label', async ({ label, request, field }) => {
    const response = await withinTimeout(app.inject(request), label)
    expectJsonClientError(injected(response), label)
    if (field !== undefined) expect(response.json().message, label).toContain(field)
  })
})

it('answers /health afterwards', async () => {
  expect((await app.inject('/health')).statusCode).toBe(200)
})
