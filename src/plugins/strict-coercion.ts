// Reads numbers and booleans out of the query string and path parameters before validation, with
// the strict rules of src/strict-coercion.ts (Ajv's coercion is switched off by ajvOptions, in
// src/validation-errors.ts). Only routes that have a number or boolean to read get the hook: /health
// and the other routes without parameters pay nothing per request; the others read their schema's
// list of fields once, when the route is registered.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { TSchema } from '@sinclair/typebox'
import { propertyCoercer } from '../strict-coercion.js'
import { addRouteHook } from '../route-hooks.js'

async function strictCoercion (app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    const { querystring, params } = (route.schema ?? {}) as { querystring?: TSchema, params?: TSchema }
    const coerceQuery = propertyCoercer(querystring)
    const coerceParams = propertyCoercer(params)
    if (coerceQuery === null && coerceParams === null) return
    addRouteHook(route, 'preValidation', (request, _reply, done) => {
      coerceQuery?.(request.query)
      coerceParams?.(request.params)
      done()
    }, 'first')
  })
}

export default fp(strictCoercion, { name: 'strict-coercion' })
