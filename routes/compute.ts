// CPU work and its remedies: the same hash chain on the event loop, in slices between loop turns,
// or on a worker pool. Awaiting cannot help CPU work; only moving it (or cutting it up) does.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { computeBlocking, computeCooperatively, computeOnPool, ComputeReportSchema, PoolInfoSchema, SLICE_MS } from '../src/work/compute.js'
import { withServerTiming } from '../src/work/report.js'
import { delayMsSchema } from '../src/schemas/query.js'
import { clientGoneSignal } from '../src/client-gone.js'

const computeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { roundsPerMs, pool, poolSize, cores, parallelism } = app.compute
  const querystring = Type.Object({ ms: delayMsSchema(app.config.MAX_DELAY_MS) })
  const response = { 200: ComputeReportSchema }

  app.get('/sync/compute', {
    schema: {
      tags: ['compute'],
      summary: 'Hashes for `ms` of CPU on the event loop: every other request, /health included, waits.',
      description: 'Throughput bound: 1000 / ms requests per second: one core, and the loop is held throughout.',
      querystring,
      response
    },
    config: { example: { path: '/sync/compute?ms=200' }, holdsLoop: true }
  }, async (request, reply) => withServerTiming(reply, computeBlocking(request.query.ms, roundsPerMs)))

  app.get('/cooperative/compute', {
    schema: {
      tags: ['compute'],
      summary: `The same hashing in slices of ${SLICE_MS} ms with setImmediate between them: /health stays fast, throughput does not improve.`,
      description: 'Throughput bound: 1000 / ms requests per second: the same CPU on the same one thread.',
      querystring,
      response
    },
    config: { example: { path: '/cooperative/compute?ms=200' } }
  }, async (request, reply) => withServerTiming(reply,
    await computeCooperatively(request.query.ms, roundsPerMs, clientGoneSignal(reply))))

  app.get('/worker/compute', {
    schema: {
      tags: ['compute'],
      summary: 'The same hashing on a worker-thread pool: the event loop stays free and the cores work in parallel.',
      description: `Throughput bound: pool size × 1000 / ms, capped by cores: ${parallelism} × 1000 / ms requests per second ` +
        `(pool of ${poolSize}, ${cores} cores).`,
      querystring,
      response
    },
    config: { example: { path: '/worker/compute?ms=200' } }
  }, async (request, reply) => withServerTiming(reply,
    await computeOnPool(pool, request.query.ms, roundsPerMs, clientGoneSignal(reply))))

  app.get('/worker/pool', {
    schema: {
      tags: ['compute'],
      summary: 'The compute pool: its size, the cores, its queue, and the hash rate that `ms` is converted with.',
      response: { 200: PoolInfoSchema }
    },
    config: { example: { path: '/worker/pool' } }
  }, async () => ({ poolSize, cores, parallelism, queued: pool.queueSize, roundsPerMs: Math.round(roundsPerMs) }))
}

export default computeRoutes
