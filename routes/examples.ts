// The article's eight examples, one request each: GET /examples/3 runs example_3.py's scenario here
// and answers with what it printed, when, and what that shows.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DEFAULT_UNIT_MS, EXAMPLE_COUNT, ExampleRunSchema, maxUnitMs, runExample } from '../src/examples/catalog.js'

const exampleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const maximum = maxUnitMs(app.config.MAX_DELAY_MS)

  app.get('/examples/:n', {
    schema: {
      summary: 'Runs example n (1–8) of the article "Understanding Asynchronous Programming in Python" and returns its trace.',
      description: 'Examples 3 and 5 block the event loop for 32 units; 4 and 6–8 wait 17 units without blocking it.',
      params: Type.Object({ n: Type.Integer({ minimum: 1, maximum: EXAMPLE_COUNT, description: 'Which example.' }) }),
      querystring: Type.Object({
        unitMs: Type.Integer({
          minimum: 0,
          maximum,
          default: Math.min(DEFAULT_UNIT_MS, maximum),
          description: `Milliseconds per unit of waiting (the article's one second), 0 to ${maximum} (MAX_DELAY_MS / 32).`
        })
      }),
      response: { 200: ExampleRunSchema }
    },
    config: { example: { path: '/examples/4' } }
  }, async (request) => runExample(request.params.n, { unitMs: request.query.unitMs, upstreamUrl: app.upstream.url }))
}

export default exampleRoutes
