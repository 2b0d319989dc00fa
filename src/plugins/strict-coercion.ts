// Reads numbers and booleans out of the query string and path parameters before validation, with
// the strict rules of src/strict-coercion.ts (Ajv's coercion is switched off by ajvOptions, in
// src/validation-errors.ts).
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { TSchema } from '@sinclair/typebox'
import { coerceProperties } from '../strict-coercion.js'

async function strictCoercion (app: FastifyInstance): Promise<void> {
  app.addHook('preValidation', async (request) => {
    const schema = request.routeOptions.schema as { querystring?: TSchema, params?: TSchema } | undefined
    if (schema === undefined) return
    coerceProperties(schema.querystring, request.query)
    coerceProperties(schema.params, request.params)
  })
}

export default fp(strictCoercion, { name: 'strict-coercion' })
