// The lab's front door: every route, what it demonstrates, and a curl command to paste. Plain text
// for a person (curl sends `Accept: */*`), JSON for a program that asks for it; both from one index.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IndexEntrySchema } from '../src/plugins/route-index.js'
import { renderIndexText, wantsJson, type RouteIndex } from '../src/route-index-text.js'

const IndexSchema = Type.Object({
  name: Type.String(),
  about: Type.String(),
  routes: Type.Array(IndexEntrySchema)
})

const ABOUT = 'Paired endpoints do the same simulated work blocking (/sync/...) and non-blocking (/async/...). ' +
  'Run two curls at once against a /sync route and watch the second wait for the first.'

const rootRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', {
    schema: {
      tags: ['observability'],
      summary: 'This index: every route by family, what it demonstrates, and a curl command to try it.',
      description: 'Plain text unless the request asks for application/json.',
      response: {
        200: {
          content: {
            'text/plain': { schema: Type.String() },
            'application/json': { schema: IndexSchema }
          }
        }
      }
    },
    config: { example: { path: '/' } }
  }, async (request, reply) => {
    const baseUrl = `${request.protocol}://${request.host}`
    const index: RouteIndex = { name: 'event-loop-lab', about: ABOUT, routes: app.routeIndex(baseUrl) }
    // Caches must not hand the text to a program that asked for JSON, or the reverse.
    reply.header('vary', 'accept')
    if (wantsJson(request.headers.accept)) return index
    return reply.type('text/plain; charset=utf-8').send(renderIndexText(index, baseUrl))
  })
}

export default rootRoutes
