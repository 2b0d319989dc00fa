// Reads numbers and booleans out of the query string and path parameters before validation, with
// the strict rules of src/strict-coercion.ts (Ajv's coercion is switched off by ajvOptions, in
// src/validation-errors.ts). Only routes that have a number or boolean to read get the hook: /health
// and the other routes without parameters pay nothing per request.
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest, HookHandlerDoneFunction, RouteOptions } from 'fastify'
import type { TSchema } from '@sinclair/typebox'
import { coerceProperties, hasCoercibleProperty } from '../strict-coercion.js'

function addHook (route: RouteOptions, hook: (request: FastifyRequest, reply: unknown, done: HookHandlerDoneFunction) => void): void {
  const existing = route.preValidation
  route.preValidation = existing === undefined ? [hook] : [hook, ...(Array.isArray(existing) ? existing : [existing])]
}

async function strictCoercion (app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    const { querystring, params } = (route.schema ?? {}) as { querystring?: TSchema, params?: TSchema }
    if (!hasCoercibleProperty(querystring) && !hasCoercibleProperty(params)) return
    addHook(route, (request, _reply, done) => {
      coerceProperties(querystring, request.query)
      coerceProperties(params, request.params)
      done()
    })
  })
}

export default fp(strictCoercion, { name: 'strict-coercion' })
