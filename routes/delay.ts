// The first pair: the same simulated IO, waited for by blocking (`/sync/delay`) or not (`/async/delay`).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { delayBlocking, delayNonBlocking, delayWithCallback } from '../src/work/delay.js'
import { withServerTiming, WorkReportSchema } from '../src/work/report.js'
import { CallStyleSchema, delayMsSchema } from '../src/schemas/query.js'
import { onClientGone } from '../src/client-gone.js'

const delayRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ms = delayMsSchema(app.config.MAX_DELAY_MS)
  const response = { 200: WorkReportSchema }

  app.get('/sync/delay', {
    schema: {
      tags: ['delay'],
      summary: 'Busy-waits `ms` on the event loop: every other request, /health included, waits too.',
      description: 'Throughput bound: 1000 / ms requests per second per process, whatever the concurrency.',
      querystring: Type.Object({ ms }),
      response
    },
    config: { example: { path: '/sync/delay?ms=200' }, holdsLoop: true }
  }, async (request, reply) => withServerTiming(reply, delayBlocking(request.query.ms)))

  app.get('/async/delay', {
    schema: {
      tags: ['delay'],
      summary: 'Waits `ms` on a timer: the event loop serves other requests meanwhile. style=callback: same wait, explicit callback.',
      description: 'Throughput bound (Little\'s law): connections × 1000 / ms requests per second.',
      querystring: Type.Object({ ms, style: CallStyleSchema }),
      response
    },
    config: { example: { path: '/async/delay?ms=200' } }
  }, (request, reply) => {
    // A client that leaves cancels its timer. ms=0 waits one turn of the loop, nothing worth
    // cancelling: it skips the listener (the overhead bench measures ms=0).
    const clientGone = request.query.ms === 0 ? undefined : onClientGone(reply)
    if (request.query.style === 'callback') {
      // A plain (non-async) handler may answer later: the callback is the continuation.
      delayWithCallback(request.query.ms, (report) => { reply.send(withServerTiming(reply, report)) }, clientGone)
      return
    }
    // style=promise: the async/await wait (delayNonBlocking); Fastify answers when its promise settles.
    return delayNonBlocking(request.query.ms, clientGone).then((report) => withServerTiming(reply, report))
  })
}

export default delayRoutes
