// The whole application, built but not listening: the server entry and every test start here.
// Boot order: how errors and input are handled (errors, protocol errors, strict coercion), how the
// server closes, skips gone clients and lists itself (drain on close, skip gone clients, route
// index), what it measures and protects (metrics, loop stats, load shedding), its OpenAPI document
// — which must see every route, so it comes before them — the shared pieces routes call (the slow
// upstream, the compute pool), then every route family in routes/. Server limits are set in src/server-limits.ts.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import autoload from '@fastify/autoload'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { join } from 'node:path'
import type { Config } from './config.js'
import { loggerOptions } from './logger.js'
import { REQUEST_ID_HEADER } from './request-id.js'
import { requestHandlingOptions } from './request-handling.js'
import errorHandling from './plugins/error-handling.js'
import routeIndex from './plugins/route-index.js'
import strictCoercion from './plugins/strict-coercion.js'
import drainOnClose from './plugins/drain-on-close.js'
import skipGoneClients from './plugins/skip-gone-clients.js'
import protocolErrors from './plugins/protocol-errors.js'
import metrics from './plugins/metrics.js'
import loopStats from './plugins/loop-stats.js'
import loadShedding from './plugins/load-shedding.js'
import openapi from './plugins/openapi.js'
import upstream from './plugins/upstream.js'
import compute from './plugins/compute.js'
import { serverLimits } from './server-limits.js'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
  }
}

export interface BuildOptions {
  /** Overrides the logger built from config (tests pass `false`). */
  logger?: FastifyServerOptions['logger']
}

export async function buildApp (config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...serverLimits(config),
    logger: options.logger ?? loggerOptions(config),
    ...requestHandlingOptions
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.decorate('config', config)
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id)
  })

  await app.register(errorHandling)
  await app.register(protocolErrors)
  await app.register(strictCoercion)
  await app.register(drainOnClose)
  await app.register(skipGoneClients)
  await app.register(routeIndex)
  await app.register(metrics)
  await app.register(loopStats)
  await app.register(loadShedding)
  await app.register(openapi)
  await app.register(upstream)
  await app.register(compute)
  await app.register(autoload, { dir: join(import.meta.dirname, '..', 'routes') })

  await app.ready()
  return app
}
