// The shape of results.json: everything a report is drawn from, and what another tool may read.
import { Type, type Static } from '@sinclair/typebox'
import { EnvironmentSchema } from '../engine/environment.js'
import { LoadOptionsSchema } from './options.js'
import { ScenarioResultSchema } from './scenario.js'

export const RESULTS_FORMAT = 'event-loop-lab/load-results@1'

export const LoadResultsSchema = Type.Object({
  format: Type.Literal(RESULTS_FORMAT),
  startedAt: Type.String({ description: 'ISO timestamp.' }),
  finishedAt: Type.String({ description: 'ISO timestamp.' }),
  options: LoadOptionsSchema,
  environment: EnvironmentSchema,
  target: Type.Object({
    url: Type.String(),
    /** true when the load test started the server itself (no --url). */
    embedded: Type.Boolean()
  }),
  scenarios: Type.Array(ScenarioResultSchema),
  /** Every verdict of every scenario passed. */
  passed: Type.Boolean()
})

export type LoadResults = Static<typeof LoadResultsSchema>
