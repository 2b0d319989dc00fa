// The two headers this server adds to answers, decided in one callback-style onSend hook: a hook each
// would be a second call on every request, and a hook that returns nothing costs no promise.
//
// `connection: close` while the server closes. Closing the server stops new connections and drops
// the idle keep-alive ones, but a connection busy with a request when the signal came goes back to
// idle afterwards and would hold the process open until its keep-alive timeout — past the grace
// period. So while closing, every answer asks the client to close the connection, and the socket is
// freed as soon as its last answer is out.
//
// `x-request-id` when there is something to find with it: the caller sent an id (its own back, or
// the one that replaced an unsafe one), or the answer has a log line about it (an error; a request
// slow enough for the slow-request or the stall line; every request at debug). A fast success has
// no line to look up, and a header on each of 30 000 answers a second is work for nobody: with no id
// sent, a fast answer costs no header.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.js'
import { REQUEST_ID_HEADER } from '../request-id.js'
import { logsEveryRequest } from './request-logging.js'

/** From how many ms an answer may have a line of its own: the lower of the slow and stall thresholds (0 = off). */
function loggedFromMs (config: Pick<Config, 'SLOW_REQUEST_MS' | 'STALL_WARN_MS'>): number {
  const thresholds = [config.SLOW_REQUEST_MS, config.STALL_WARN_MS].filter((ms) => ms > 0)
  return thresholds.length === 0 ? Infinity : Math.min(...thresholds)
}

async function responseHeaders (app: FastifyInstance): Promise<void> {
  let closing = false
  app.addHook('preClose', (done) => { closing = true; done() })
  const { REQUEST_IDS, LOG_LEVEL } = app.config
  const everyAnswer = logsEveryRequest(LOG_LEVEL)
  const slowMs = loggedFromMs(app.config)
  app.addHook('onSend', (request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close')
    if (REQUEST_IDS && (everyAnswer || reply.statusCode >= 400 || request.headers[REQUEST_ID_HEADER] !== undefined || reply.elapsedTime >= slowMs)) {
      reply.header(REQUEST_ID_HEADER, request.id)
    }
    done(null, payload)
  })
}

export default fp(responseHeaders, { name: 'response-headers' })
