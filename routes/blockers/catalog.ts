// GET /blockers: every blocker, its two routes, its size parameter's bound and the size whose blocking
// variant takes about `ms` here: what the load test and the tests pick their sizes from.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { StringEnum } from '../../src/schemas/answer-types.js'
import { SAFETY, EXPONENTIAL_SAFETY } from '../../src/work/blockers/calibration.js'
import { delayMsSchema } from '../../src/schemas/query.js'

const BlockerEntrySchema = Type.Object({
  name: Type.String(),
  blocking: Type.String({ description: 'The route that holds the event loop.' }),
  remedy: Type.String({ description: 'The route that gives the same answer without holding it.' }),
  remedyRunsOn: StringEnum(['event loop', 'worker pool', 'threadpool'], {
    description: 'Where the remedy does the work: still on the loop (a better algorithm), or off it.'
  }),
  parameter: Type.String({ description: 'The size parameter both routes take.' }),
  maximum: Type.Integer({
    description: `Its largest allowed value: the blocking route stays within MAX_DELAY_MS / ${SAFETY} here (/ ${EXPONENTIAL_SAFETY} if exponential).`
  }),
  growth: StringEnum(['linear', 'quadratic', 'exponential'], {
    description: 'How the blocking route\'s time grows with the size.'
  }),
  sizeForMs: Type.Integer({ description: 'The size whose blocking route takes about `ms` on this machine (capped at the maximum).' }),
  estimatedMs: Type.Number({ description: 'The start-up calibration\'s estimate of the blocking route\'s time at sizeForMs.' })
})

const catalogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { blockers } = app
  const entries = [
    { name: 'regex', remedyRunsOn: 'event loop' as const, parameter: 'n', blocker: blockers.regex, blocking: '/blockers/regex/backtracking', remedy: '/blockers/regex/linear' },
    { name: 'json', remedyRunsOn: 'worker pool' as const, parameter: 'kib', blocker: blockers.json, blocking: '/blockers/json/sync', remedy: '/blockers/json/worker' },
    { name: 'fs', remedyRunsOn: 'threadpool' as const, parameter: 'reads', blocker: blockers.fs, blocking: '/blockers/fs/sync', remedy: '/blockers/fs/async' },
    { name: 'zlib', remedyRunsOn: 'threadpool' as const, parameter: 'kib', blocker: blockers.zlib, blocking: '/blockers/zlib/sync', remedy: '/blockers/zlib/async' },
    { name: 'dedupe', remedyRunsOn: 'event loop' as const, parameter: 'n', blocker: blockers.dedupe, blocking: '/blockers/dedupe/quadratic', remedy: '/blockers/dedupe/set' }
  ]

  app.get('', {
    schema: {
      tags: ['blockers'],
      summary: 'The blocker family: what blocks the event loop in real servers, each with its remedy, bounds and calibrated sizes.',
      querystring: Type.Object({ ms: delayMsSchema(app.config.MAX_DELAY_MS) }),
      response: { 200: Type.Array(BlockerEntrySchema) }
    },
    config: { example: { path: '/blockers?ms=200' } }
  }, async (request) => entries.map(({ name, remedyRunsOn, parameter, blocker, blocking, remedy }) => {
    const sizeForMs = Math.min(blocker.maximum, blocker.model.sizeForMs(request.query.ms))
    return { name, blocking, remedy, remedyRunsOn, parameter, maximum: blocker.maximum, growth: blocker.model.growth, sizeForMs, estimatedMs: Math.round(blocker.model.estimateMs(sizeForMs)) }
  }))
}

export default catalogRoutes
