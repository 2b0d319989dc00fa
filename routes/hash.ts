// The threadpool pair: the same PBKDF2 hash on the event loop (`/sync/hash`) or on libuv's
// threadpool (`/async/hash`).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { InFlightLimit } from '../src/work/in-flight-limit.js'
import { DEFAULT_HASH_ITERATIONS, HASHES_IN_FLIGHT_PER_THREAD, hashBlocking, hashNonBlocking, HashReportSchema, maxHashIterations, threadpool } from '../src/work/hash.js'
import { withServerTiming } from '../src/work/report.js'

const hashRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const maximum = maxHashIterations(app.config.MAX_DELAY_MS)
  const byDefault = Math.min(DEFAULT_HASH_ITERATIONS, maximum)
  const iterations = Type.Integer({
    minimum: 1,
    maximum,
    default: byDefault,
    description: `PBKDF2-SHA512 iterations, 1 to ${maximum} (about MAX_DELAY_MS of CPU on this machine).`
  })
  const querystring = Type.Object({ iterations })
  const response = { 200: HashReportSchema }
  const pool = threadpool(app.config.UV_THREADPOOL_SIZE)
  const onThreadpool = new InFlightLimit('/async/hash on libuv\'s threadpool', HASHES_IN_FLIGHT_PER_THREAD * pool.threadpoolSize)

  app.get('/sync/hash', {
    schema: {
      tags: ['hash'],
      summary: 'Hashes with crypto.pbkdf2Sync on the event loop: real CPU work that holds every other request.',
      description: 'Throughput bound: 1000 / t requests per second, t = one hash\'s time.',
      querystring,
      response
    },
    config: { example: { path: `/sync/hash?iterations=${byDefault}` }, holdsLoop: true }
  }, async (request, reply) => withServerTiming(reply, hashBlocking(request.query.iterations, pool)))

  app.get('/async/hash', {
    schema: {
      tags: ['hash'],
      summary: 'Hashes with crypto.pbkdf2 on libuv\'s threadpool: the loop stays free, the hashing still costs CPU.',
      description: 'Throughput bound: min(UV_THREADPOOL_SIZE, cores) × 1000 / t requests per second, t = one hash\'s time. ' +
        `At most ${HASHES_IN_FLIGHT_PER_THREAD} × UV_THREADPOOL_SIZE in flight, then 503 with Retry-After.`,
      querystring,
      response
    },
    config: { example: { path: `/async/hash?iterations=${byDefault}` } }
  }, async (request, reply) => withServerTiming(reply, await onThreadpool.run(async () => hashNonBlocking(request.query.iterations, pool))))
}

export default hashRoutes
