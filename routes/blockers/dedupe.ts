// The quadratic blocker: de-duplicating n items with includes in a loop (O(n²)) or with a Set (O(n)).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { dedupeLinear, dedupeQuadratic } from '../../src/work/blockers/dedupe.js'
import { SAFETY } from '../../src/work/blockers/calibration.js'
import { BlockerReportSchema } from '../../src/work/blockers/report.js'
import { withServerTiming } from '../../src/work/report.js'

const dedupeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { model, maximum, byDefault } = app.blockers.dedupe
  const querystring = Type.Object({
    n: Type.Integer({
      minimum: 1,
      maximum,
      default: byDefault,
      description: `Items to de-duplicate (half of them repeats), 1 to ${maximum} (within MAX_DELAY_MS / ${SAFETY} of the O(n²) loop here).`
    })
  })
  const response = { 200: BlockerReportSchema }

  app.get('/dedupe/quadratic', {
    schema: {
      tags: ['blockers'],
      summary: 'De-duplicates n generated items with `if (!kept.includes(item)) kept.push(item)`: O(n²) on the event loop.',
      description: 'Lesson: a loop that looks cheap per item is O(n²) overall, so ten times the items holds the loop a hundred times longer.',
      querystring,
      response
    },
    config: { example: { path: `/blockers/dedupe/quadratic?n=${byDefault}` }, holdsLoop: true }
  }, async (request, reply) => withServerTiming(reply, dedupeQuadratic(request.query.n, model)))

  app.get('/dedupe/set', {
    schema: {
      tags: ['blockers'],
      summary: 'The same de-duplication with a Set: O(n), the same items in the same order.',
      description: 'Lesson: the remedy for a quadratic loop is the algorithm; moving it to a worker would only hide a cost that grows with the input.',
      querystring,
      response
    },
    config: { example: { path: `/blockers/dedupe/set?n=${byDefault}` } }
  }, async (request, reply) => withServerTiming(reply, dedupeLinear(request.query.n, model)))
}

export default dedupeRoutes
