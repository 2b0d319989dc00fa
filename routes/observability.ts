// What production monitoring sees of the event loop: Prometheus metrics and a JSON window of
// event-loop delay and utilisation. Both keep answering while the server sheds load.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { LoopStatsSchema } from '../src/loop-stats.js'

const observabilityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/metrics', {
    schema: {
      tags: ['observability'],
      summary: 'Prometheus metrics: event-loop lag and utilisation, request durations by route and status code.',
      description: 'Scrape it during a load test: nodejs_eventloop_lag_p99_seconds and eventloop_utilization_ratio climb ' +
        'on /sync routes only; http_request_duration_seconds is labelled by route pattern, never by raw URL.',
      produces: ['text/plain'],
      response: { 200: Type.String({ description: 'Prometheus text exposition format.' }) }
    },
    config: { example: { path: '/metrics' }, shedding: false }
  }, async (_request, reply) => {
    const { contentType, text } = await app.metricsText()
    return reply.type(contentType).send(text)
  })

  app.get('/stats', {
    schema: {
      tags: ['observability'],
      summary: 'Event-loop delay (min, mean, p50, p99, max) and utilisation since the last reset; requests in flight per route; memory.',
      description: 'After /sync/delay?ms=500, eventLoopDelayMs.max reads about 500; under /async load it stays near 0. ' +
        'reset=true answers with the window so far, then starts a new one.',
      querystring: Type.Object({
        reset: Type.Boolean({ default: false, description: 'true: start a new window after answering.' })
      }),
      response: { 200: LoopStatsSchema }
    },
    config: { example: { path: '/stats' }, shedding: false }
  }, async (request) => {
    const stats = app.loopStats.snapshot()
    if (request.query.reset) app.loopStats.restart()
    return stats
  })
}

export default observabilityRoutes
