// One place decides what a client sees when something goes wrong: 4xx errors go out as they are
// (they describe the client's mistake), 5xx get a generic message while the details go to the log.
// Every error keeps its `code` (clients match on LAB_ERR_*, not on prose) and its headers.
import fp from 'fastify-plugin'
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify'
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

// A 503 is the server refusing work it has no room for (a full worker queue): expected under
// overload and already explained by its code, so a warning without a stack. So is a call that ran out
// of time because this loop was blocked: that is the lab's demo, not a failure. Other 5xx are failures.
function logServerError (request: FastifyRequest, error: FastifyError, statusCode: number): void {
  if (statusCode === 503) request.log.warn({ code: error.code, message: error.message }, 'request refused: no capacity')
  else if (error.code === 'LAB_ERR_LOOP_BLOCKED') request.log.warn({ code: error.code, message: error.message }, 'request timed out behind a blocked event loop')
  else request.log.error({ err: error, query: request.query, params: request.params }, 'request failed')
}

async function errorHandling (app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const statusCode = error.validation !== undefined ? 400 : (error.statusCode ?? 500)
    // As Fastify's default handler does, for every status: an error may carry its headers (Retry-After).
    const { headers } = error as { headers?: Record<string, string> }
    if (headers !== undefined) reply.headers(headers)
    if (statusCode >= 500) {
      logServerError(request, error, statusCode)
      // A refusal for lack of room says which queue is full: it tells the client when to retry and
      // gives nothing of the server's insides away.
      if (statusCode === 503 && error.code?.startsWith('LAB_ERR_') === true) return reply.code(503).send(errorBody(503, error.message, error.code))
      return reply.code(statusCode).send(errorBody(statusCode, `${STATUS_CODES[statusCode] ?? 'Server Error'}: the details are in the server log.`, error.code))
    }
    request.log.info({ code: error.code, message: error.message }, 'rejected request')
    return reply.code(statusCode).send(errorBody(statusCode, error.message, error.code))
  })

  app.setNotFoundHandler((request, reply) => {
    return reply.code(404).send(errorBody(404, `Route ${request.method} ${showValue(request.url)} not found; GET / lists every route.`))
  })
}

export default fp(errorHandling, { name: 'error-handling' })
