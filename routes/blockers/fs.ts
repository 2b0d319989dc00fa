// The fs blocker: reading a generated 1 MiB file `reads` times, with readFileSync or fs.promises.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readFilesBlocking, readFilesNonBlocking } from '../../src/work/blockers/file-read.js'
import { SAFETY } from '../../src/work/blockers/calibration.js'
import { BlockerReportSchema } from '../../src/work/blockers/report.js'
import { withServerTiming } from '../../src/work/report.js'
import { clientGoneSignal } from '../../src/client-gone.js'

const fsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { model, maximum, byDefault, file } = app.blockers.fs
  const querystring = Type.Object({
    reads: Type.Integer({
      minimum: 1,
      maximum,
      default: byDefault,
      description: `How many times to read the generated 1 MiB file, 1 to ${maximum} (within MAX_DELAY_MS / ${SAFETY} of reading here).`
    })
  })
  const response = { 200: BlockerReportSchema }

  app.get('/fs/sync', {
    schema: {
      tags: ['blockers'],
      summary: 'Reads the file `reads` times with fs.readFileSync, on the event loop.',
      description: 'Lesson: every *Sync call from fs waits on the disk with the loop held, and its cost grows with the disk\'s latency, not your code.',
      querystring,
      response
    },
    config: { example: { path: `/blockers/fs/sync?reads=${byDefault}` }, holdsLoop: true }
  }, async (request, reply) => withServerTiming(reply, readFilesBlocking(file, request.query.reads, model)))

  app.get('/fs/async', {
    schema: {
      tags: ['blockers'],
      summary: 'The same reads with fs.promises.readFile, one after another on libuv\'s threadpool (the hash pair\'s threadpool).',
      description: 'Lesson: fs.promises moves the wait to the threadpool, so the loop serves others meanwhile; each read takes a little longer.',
      querystring,
      response
    },
    config: { example: { path: `/blockers/fs/async?reads=${byDefault}` } }
  }, async (request, reply) => withServerTiming(reply, await readFilesNonBlocking(file, request.query.reads, model, clientGoneSignal(reply))))
}

export default fsRoutes
