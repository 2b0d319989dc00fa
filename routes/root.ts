// The lab's front door: every route, what it demonstrates, and a curl command to paste.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IndexEntrySchema } from '../src/plugins/route-index.js'

const IndexSchema = Type.Object({
  name: Type.String(),
  about: Type.String(),
  routes: Type.Array(IndexEntrySchema)
})

const ABOUT = 'Paired endpoints do the same simulated work blocking (/sync/...) and non-blocking (/async/...). ' +
  'Run two curls at once against a /sync route and watch the second wait for the first.'

const rootRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', {
    schema: { summary: 'This index: every route, what it demonstrates, and a curl command to try it.', response: { 200: IndexSchema } },
    config: { example: { path: '/' } }
  }, async (request) => ({
    name: 'event-loop-lab',
    about: ABOUT,
    routes: app.routeIndex(`${request.protocol}://${request.host}`)
  }))
}

export default rootRoutes
