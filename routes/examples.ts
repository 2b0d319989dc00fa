// The article's eight examples, one request each: GET /examples/3 runs example_3.py's scenario here
// and answers with what it printed, when, and what that shows.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { EXAMPLE_COUNT, exampleNumberSchema, ExampleRunSchema, runExample, unitMsSchema } from '../src/examples/catalog.js'
import { CONCURRENT_UNITS, SERIAL_UNITS } from '../src/examples/work-queue.js'

const exampleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/examples/:n', {
    schema: {
      tags: ['article'],
      summary: `Runs example n (1–${EXAMPLE_COUNT}) of the article "Understanding Asynchronous Programming in Python" and returns its trace.`,
      description: `Examples 3 and 5 block the event loop for ${SERIAL_UNITS} units; 4 and 6–8 wait ${CONCURRENT_UNITS} units without blocking it.`,
      params: Type.Object({ n: exampleNumberSchema }),
      querystring: Type.Object({ unitMs: unitMsSchema(app.config.MAX_DELAY_MS) }),
      response: { 200: ExampleRunSchema }
    },
    // Examples 1, 3 and 5 hold the loop for their whole run.
    config: { example: { path: '/examples/4' }, holdsLoop: true }
  }, async (request) => runExample(request.params.n, { unitMs: request.query.unitMs, upstreamUrl: app.upstream.url }))
}

export default exampleRoutes
