// The whole application, built but not listening: the server entry and every test start here.
// Boot order: the one hook per phase that the always-on checks share (merged hooks), how errors and
// input are handled (errors, protocol errors, strict coercion), the headers it adds to answers (the
// request id, and `connection: close` while it closes), how it skips gone clients and lists itself
// (skip gone clients, route index), what it measures and protects (metrics, loop stats, the stall
// detector, load shedding, request logging), its OpenAPI document — which must see every route, so
// it comes before them — the shared pieces routes call (the slow upstream, the compute pool, the
// blockers' inputs, the lab's feed and runs), then every route family in routes/. Server limits are
// set in src/server-limits.ts.
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import autoload from '@fastify/autoload'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { join } from 'node:path'
import type { Config } from './config.js'
import { loggerOptions } from './logger.js'
import { lazyChildLogger } from './lazy-child-logger.js'
import { newRequestId, requestId } from './request-id.js'
import { requestHandlingOptions } from './request-handling.js'
import mergedHooks from './plugins/merged-hooks.js'
import errorHandling from './plugins/error-handling.js'
import routeIndex from './plugins/route-index.js'
import strictCoercion from './plugins/strict-coercion.js'
import responseHeaders from './plugins/response-headers.js'
import skipGoneClients from './plugins/skip-gone-clients.js'
import protocolErrors from './plugins/protocol-errors.js'
import metrics from './plugins/metrics.js'
import loopStats from './plugins/loop-stats.js'
import stallDetector from './plugins/stall-detector.js'
import loadShedding from './plugins/load-shedding.js'
import requestLogging, { logsEveryRequest } from './plugins/request-logging.js'
import openapi from './plugins/openapi.js'
import upstream from './plugins/upstream.js'
import compute from './plugins/compute.js'
import blockers from './plugins/blockers.js'
import lab from './plugins/lab.js'
import { idleConnectionTimeoutMs, serverLimits } from './server-limits.js'
import { closeIdleConnections } from './idle-connections.js'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
  }
}

export interface BuildOptions {
  /** Overrides the logger built from config (tests pass `false`). */
  logger?: FastifyServerOptions['logger']
  /** Fastify's schema compilers; tests share theirs between the many apps they build. */
  schemaController?: FastifyServerOptions['schemaController']
}

export async function buildApp (config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...serverLimits(config),
    logger: options.logger ?? loggerOptions(config),
    ...(options.schemaController === undefined ? {} : { schemaController: options.schemaController }),
    // The policy is in src/plugins/request-logging.ts: no line per request below debug.
    logController: new LogController({ disableRequestLogging: !logsEveryRequest(config.LOG_LEVEL) }),
    childLoggerFactory: lazyChildLogger,
    ...requestHandlingOptions,
    genReqId: config.REQUEST_IDS ? requestId : newRequestId
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.decorate('config', config)
  const idleConnections = closeIdleConnections(app.server, idleConnectionTimeoutMs(config))
  app.addHook('onClose', (_app, done) => { idleConnections.stop(); done() })

  await app.register(mergedHooks)
  await app.register(errorHandling)
  await app.register(protocolErrors)
  await app.register(strictCoercion)
  await app.register(responseHeaders)
  await app.register(skipGoneClients)
  await app.register(routeIndex)
  await app.register(metrics)
  await app.register(loopStats)
  await app.register(stallDetector)
  await app.register(loadShedding)
  await app.register(requestLogging)
  await app.register(openapi)
  await app.register(upstream)
  await app.register(compute)
  await app.register(blockers)
  await app.register(lab)
  await app.register(autoload, { dir: join(import.meta.dirname, '..', 'routes') })

  await app.ready()
  return app
}
