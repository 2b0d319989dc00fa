// The slow upstream: a stand-in for someone else's service (a database, a payment API) that answers
// after a non-blocking wait. It must run on another event loop than the server that calls it: a
// blocking call from a server to itself can never be answered, because the thread that would answer
// is the thread that waits (the article's deadlock, in one line). So it is not routed on the main
// server; by default the main server runs it in a worker thread (src/upstream/upstream-thread.ts),
// or it runs alone (`npm run upstream`), or UPSTREAM_URL points at any other copy of it.
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Config } from '../config.js'
import { loggerOptions } from '../logger.js'
import { requestHandlingOptions } from '../request-handling.js'
import errorHandling from '../plugins/error-handling.js'
import strictCoercion from '../plugins/strict-coercion.js'
import routeIndex, { IndexEntrySchema } from '../plugins/route-index.js'
import { health, HEALTH_SUMMARY, HealthSchema } from '../health.js'
import { delayMsSchema } from '../schemas/query.js'
import { delayNonBlocking } from '../work/delay.js'
import { serverTiming } from '../work/report.js'

export type UpstreamConfig = Pick<Config, 'LOG_LEVEL' | 'MAX_DELAY_MS'>

/** Largest body `bytes` may ask for: enough to make a download measurable, small enough to stay cheap. */
export const UPSTREAM_MAX_BYTES = 1_048_576

export async function buildUpstreamApp (config: UpstreamConfig): Promise<FastifyInstance> {
  const app = Fastify({
    // Its own request lines would double the log volume under load; errors are still logged.
    logger: { ...loggerOptions(config), base: { service: 'upstream' } },
    logController: new LogController({ disableRequestLogging: true }),
    ...requestHandlingOptions
  }).withTypeProvider<TypeBoxTypeProvider>()

  await app.register(errorHandling)
  await app.register(strictCoercion)
  await app.register(routeIndex)

  app.get('/health', {
    schema: { summary: HEALTH_SUMMARY, response: { 200: HealthSchema } },
    config: { example: { path: '/health' } }
  }, async () => health())

  let requests = 0

  app.get('/upstream/delay', {
    schema: {
      summary: 'Answers after waiting `ms` on a timer (never blocking its own loop); `bytes`: a body of that many bytes instead of JSON.',
      querystring: Type.Object({
        ms: delayMsSchema(config.MAX_DELAY_MS),
        bytes: Type.Optional(Type.Integer({ minimum: 0, maximum: UPSTREAM_MAX_BYTES, description: 'Answer with a body of this many bytes.' }))
      })
    },
    config: { example: { path: '/upstream/delay?ms=200' } }
  }, async (request, reply) => {
    requests += 1
    const report = await delayNonBlocking(request.query.ms)
    // The caller reads the upstream's own time from this header, whatever the body.
    reply.header('server-timing', serverTiming(report))
    const { bytes } = request.query
    if (bytes === undefined) return report
    return reply.type('application/octet-stream').send(Buffer.alloc(bytes, 'x'))
  })

  app.get('/upstream/stats', {
    schema: {
      summary: 'How many /upstream/delay requests this upstream has received since it started.',
      response: { 200: Type.Object({ requests: Type.Integer() }) }
    },
    config: { example: { path: '/upstream/stats' } }
  }, async () => ({ requests }))

  app.get('/', {
    schema: {
      summary: 'This index: the upstream\'s routes and a curl command for each.',
      response: { 200: Type.Object({ name: Type.String(), routes: Type.Array(IndexEntrySchema) }) }
    },
    config: { example: { path: '/' } }
  }, async (request) => ({
    name: 'event-loop-lab upstream',
    routes: app.routeIndex(`${request.protocol}://${request.host}`)
  }))

  await app.ready()
  return app
}
