// The zlib blocker: gzip of a generated document with gzipSync or gzip.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { gzipBlocking, gzipNonBlocking } from '../../src/work/blockers/gzip.js'
import { SAFETY } from '../../src/work/blockers/calibration.js'
import { BlockerReportSchema } from '../../src/work/blockers/report.js'
import { withServerTiming } from '../../src/work/report.js'

const zlibRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { model, maximum, byDefault, document } = app.blockers.zlib
  const querystring = Type.Object({
    kib: Type.Integer({
      minimum: 1,
      maximum,
      default: byDefault,
      description: `KiB of the generated document to compress, 1 to ${maximum} (within MAX_DELAY_MS / ${SAFETY} of gzip here, and the document's size).`
    })
  })
  const response = { 200: BlockerReportSchema }

  app.get('/zlib/sync', {
    schema: {
      tags: ['blockers'],
      summary: 'Compresses `kib` KiB with zlib.gzipSync, on the event loop.',
      description: 'Lesson: gzipSync compresses on the loop, so compressing a large response holds every other request for as long as it takes.',
      querystring,
      response
    },
    config: { example: { path: `/blockers/zlib/sync?kib=${byDefault}` }, holdsLoop: true }
  }, async (request, reply) => withServerTiming(reply, gzipBlocking(document, request.query.kib, model)))

  app.get('/zlib/async', {
    schema: {
      tags: ['blockers'],
      summary: 'The same compression with zlib.gzip on libuv\'s threadpool: the same bytes out, the loop free meanwhile.',
      description: 'Lesson: the callback and stream forms of zlib compress on the threadpool, so the loop only hands the buffer over.',
      querystring,
      response
    },
    config: { example: { path: `/blockers/zlib/async?kib=${byDefault}` } }
  }, async (request, reply) => withServerTiming(reply, await gzipNonBlocking(document, request.query.kib, model)))
}

export default zlibRoutes
