// One place decides what a client sees when something goes wrong: 4xx errors go out as they are
// (they describe the client's mistake), 5xx become a generic message while the details go to the log.
import fp from 'fastify-plugin'
import type { FastifyError, FastifyInstance } from 'fastify'
import { STATUS_CODES } from 'node:http'
import { showValue } from '../schema-text.js'

export interface ErrorBody {
  statusCode: number
  error: string
  message: string
  code?: string
}

export function errorBody (statusCode: number, message: string, code?: string): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(code === undefined ? {} : { code }) }
}

async function errorHandling (app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const statusCode = error.validation !== undefined ? 400 : (error.statusCode ?? 500)
    if (statusCode >= 500) {
      request.log.error({ err: error, query: request.query, params: request.params }, 'request failed')
      return reply.code(statusCode).send(errorBody(statusCode, `${STATUS_CODES[statusCode] ?? 'Server Error'}: the details are in the server log.`))
    }
    request.log.info({ code: error.code, message: error.message }, 'rejected request')
    return reply.code(statusCode).send(errorBody(statusCode, error.message, error.code))
  })

  app.setNotFoundHandler((request, reply) => {
    return reply.code(404).send(errorBody(404, `Route ${request.method} ${showValue(request.url)} not found; GET / lists every route.`))
  })
}

export default fp(errorHandling, { name: 'error-handling' })
