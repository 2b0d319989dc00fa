// The request-logging policy. A server under load answers tens of thousands of requests a second:
// a line for each would cost more than the requests (pino at info halved bare Fastify here) and help
// nobody read the log. So at the default level there is no line per request, but one per event
// worth reading:
//   - a slow request (SLOW_REQUEST_MS, receipt to answer): warn, with its route, status and time;
//   - an error: the error handler's line (src/plugins/error-handling.ts): 5xx at error with the
//     details, a 503 refusal at warn, a refused request (4xx) at info with its code;
//   - an event-loop stall: the stall detector's line, naming the request that held the loop; that
//     request gets no slow line as well: one stall, one line.
// LOG_LEVEL=debug (or trace) logs every request: Fastify's own `incoming request` and `request completed`.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.js'
import { routeLabel } from '../route-label.js'
import { heldTheLoop } from '../stalls/watchdog.js'

/** Whether Fastify's own two lines per request are on: only when asked for, at debug or trace. */
export function logsEveryRequest (level: Config['LOG_LEVEL']): boolean {
  return level === 'debug' || level === 'trace'
}

/** A pino logger says; Fastify's stand-in for `logger: false` (tests) has no levels, and logs nothing. */
function warnEnabled (app: FastifyInstance): boolean {
  const { isLevelEnabled } = app.log as { isLevelEnabled?: (level: string) => boolean }
  return isLevelEnabled?.call(app.log, 'warn') ?? false
}

async function requestLogging (app: FastifyInstance): Promise<void> {
  const { SLOW_REQUEST_MS, LOG_LEVEL } = app.config
  // Nothing per request when no slow line could be written: off, every request logged anyway, or
  // warn lines not wanted.
  if (SLOW_REQUEST_MS === 0 || logsEveryRequest(LOG_LEVEL) || !warnEnabled(app)) return
  // A merged check (src/plugins/merged-hooks.ts): a comparison per request, no hook of its own.
  app.mergedHooks.onAnswered((request, reply) => {
    const ms = reply.elapsedTime
    if (ms >= SLOW_REQUEST_MS && !heldTheLoop(reply)) {
      request.log.warn({
        method: request.method, url: request.url, route: routeLabel(request), statusCode: reply.statusCode, responseTimeMs: Math.round(ms)
      }, `slow request: ${request.method} ${request.url} took ${Math.round(ms)} ms`)
    }
  })
}

export default fp(requestLogging, { name: 'request-logging', dependencies: ['merged-hooks'] })
