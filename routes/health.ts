// Liveness: answers as soon as the event loop gets to it, so its latency *is* the loop's backlog.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  uptimeS: Type.Number({ description: 'Seconds since the process started.' })
})

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', {
    schema: {
      tags: ['observability'],
      summary: 'Liveness probe; slow only when something holds the event loop.',
      response: { 200: HealthSchema }
    },
    // A liveness probe is never shed (src/plugins/load-shedding.ts says why).
    config: { example: { path: '/health' }, shedding: false }
  }, async () => ({ status: 'ok' as const, uptimeS: Math.round(process.uptime() * 10) / 10 }))
}

export default healthRoutes
