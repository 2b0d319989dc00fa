// The real-IO pair (the article's examples 5 and 6): the same HTTP call to the slow upstream, waited
// for by blocking the event loop (`/sync/fetch`) or not (`/async/fetch`).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { fetchBlocking, fetchNonBlocking, fetchWithCallback, FetchReportSchema } from '../src/work/fetch.js'
import { withServerTiming } from '../src/work/report.js'
import { CallStyleSchema, delayMsSchema } from '../src/schemas/query.js'
import { clientGoneSignal } from '../src/client-gone.js'

const fetchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ms = delayMsSchema(app.config.MAX_DELAY_MS)
  const response = { 200: FetchReportSchema }
  const upstream = app.upstream.url

  app.get('/sync/fetch', {
    schema: {
      tags: ['fetch'],
      summary: 'Calls the slow upstream (answers after `ms`) with a blocking HTTP client, like requests.get: the whole server waits.',
      description: 'Throughput bound: 1000 / ms requests per second per process, whatever the concurrency.',
      querystring: Type.Object({ ms }),
      response
    },
    config: { example: { path: '/sync/fetch?ms=200' }, holdsLoop: true }
  }, async (request, reply) => withServerTiming(reply, fetchBlocking(upstream, request.query.ms)))

  app.get('/async/fetch', {
    schema: {
      tags: ['fetch'],
      summary: 'Calls the slow upstream with fetch: the event loop serves others meanwhile. style=callback: node:http with a callback.',
      description: 'Throughput bound (Little\'s law): connections × 1000 / ms requests per second, until the CPU runs out.',
      querystring: Type.Object({ ms, style: CallStyleSchema }),
      response
    },
    config: { example: { path: '/async/fetch?ms=200' } }
  }, (request, reply) => {
    // A client that leaves cancels its upstream call.
    const clientGone = clientGoneSignal(reply)
    if (request.query.style === 'callback') {
      fetchWithCallback(upstream, request.query.ms, (error, report) => {
        // An Error sent goes to the error handler; the typed send() only knows the 200 body.
        if (report === undefined) reply.send(error as never)
        else reply.send(withServerTiming(reply, report))
      }, clientGone)
      return
    }
    return fetchNonBlocking(upstream, request.query.ms, clientGone).then((report) => withServerTiming(reply, report))
  })
}

export default fetchRoutes
