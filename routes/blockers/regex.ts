// The regex blocker: catastrophic backtracking on a crafted input, and the linear-time rewrite.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { regexBacktracking, regexLinear } from '../../src/work/blockers/regex.js'
import { EXPONENTIAL_SAFETY } from '../../src/work/blockers/calibration.js'
import { BlockerReportSchema } from '../../src/work/blockers/report.js'
import { withServerTiming } from '../../src/work/report.js'

const regexRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { model, maximum, byDefault } = app.blockers.regex
  const querystring = Type.Object({
    n: Type.Integer({
      minimum: 1,
      maximum,
      default: byDefault,
      description: `Word characters before the one that fails the match, 1 to ${maximum}: each one more doubles the backtracking ` +
        `(the maximum keeps it within MAX_DELAY_MS / ${EXPONENTIAL_SAFETY} on this machine).`
    })
  })
  const response = { 200: BlockerReportSchema }

  app.get('/regex/backtracking', {
    schema: {
      tags: ['blockers'],
      summary: 'Checks "a" × n + "!" against /^(\\w+\\s?)*$/ on the event loop: 2^n steps of backtracking hold every other request.',
      description: 'Lesson: nested quantifiers over the same characters let one bad input hold the loop for seconds, so never run them on client input.',
      querystring,
      response
    },
    config: { example: { path: `/blockers/regex/backtracking?n=${byDefault}` }, holdsLoop: true }
  }, async (request, reply) => withServerTiming(reply, regexBacktracking(request.query.n, model)))

  app.get('/regex/linear', {
    schema: {
      tags: ['blockers'],
      summary: 'The same check with /^(?:\\w+(?:\\s\\w+)*\\s?)?$/, which matches the same strings with one way per character: microseconds.',
      description: 'Lesson: the remedy is a pattern that cannot backtrack (or a linear-time engine such as RE2), not concurrency.',
      querystring,
      response
    },
    config: { example: { path: `/blockers/regex/linear?n=${byDefault}` } }
  }, async (request, reply) => withServerTiming(reply, regexLinear(request.query.n, model)))
}

export default regexRoutes
