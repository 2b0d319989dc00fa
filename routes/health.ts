// Liveness: answers as soon as the event loop gets to it, so its latency *is* the loop's backlog.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { health, HEALTH_SUMMARY, HealthSchema } from '../src/health.js'

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', {
    schema: { tags: ['observability'], summary: HEALTH_SUMMARY, response: { 200: HealthSchema } },
    // A liveness probe is never shed (src/plugins/load-shedding.ts says why).
    config: { example: { path: '/health' }, shedding: false }
  }, async () => health())
}

export default healthRoutes
