// The json blocker: parsing and serialising a large document on the event loop, or on the worker pool.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { jsonOnLoop, jsonOnPool } from '../../src/work/blockers/json.js'
import { SAFETY } from '../../src/work/blockers/calibration.js'
import { BlockerReportSchema } from '../../src/work/blockers/report.js'
import { withServerTiming } from '../../src/work/report.js'
import { clientGoneSignal } from '../../src/client-gone.js'

const jsonRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { model, maximum, byDefault, document, workerFilename } = app.blockers.json
  const querystring = Type.Object({
    kib: Type.Integer({
      minimum: 1,
      maximum,
      default: byDefault,
      description: `Size of the generated JSON document in KiB, 1 to ${maximum} (within MAX_DELAY_MS / ${SAFETY} of parsing here, and the document's size).`
    })
  })
  const response = { 200: BlockerReportSchema }

  app.get('/json/sync', {
    schema: {
      tags: ['blockers'],
      summary: 'JSON.parse then JSON.stringify of a generated document of `kib` KiB, on the event loop.',
      description: 'Lesson: JSON.parse and JSON.stringify run in one native call that nothing can interrupt, so a large document holds the loop for all of it.',
      querystring,
      response
    },
    config: { example: { path: `/blockers/json/sync?kib=${byDefault}` }, holdsLoop: true }
  }, async (request, reply) => withServerTiming(reply, jsonOnLoop(document, request.query.kib, model)))

  app.get('/json/worker', {
    schema: {
      tags: ['blockers'],
      summary: 'The same parse and stringify on the worker pool: the text is copied to a worker, a one-line answer comes back.',
      description: 'Lesson: a worker frees the loop only if what crosses back is small, because structured clone of a parsed object costs about as much as parsing it.',
      querystring,
      response
    },
    config: { example: { path: `/blockers/json/worker?kib=${byDefault}` } }
  }, async (request, reply) => withServerTiming(reply, await jsonOnPool(app.compute.pool, workerFilename,
    document, request.query.kib, model, clientGoneSignal(reply))))
}

export default jsonRoutes
