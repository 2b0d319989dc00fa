// The shape of results.json: everything a report is drawn from, and what another tool may read.
import { Type, type Static } from '@sinclair/typebox'
import { LoadOptionsSchema } from './options.js'
import { ScenarioResultSchema } from './scenario.js'

/** Where the numbers were measured (engine/environment.ts fills it in). */
export const EnvironmentSchema = Type.Object({
  node: Type.String(),
  platform: Type.String(),
  osRelease: Type.String(),
  cpuCount: Type.Integer(),
  cpuModel: Type.String(),
  totalMemoryMiB: Type.Integer(),
  /** 1, 5 and 15 minute load averages when the run started: other work on the machine skews results. */
  loadAverage: Type.Array(Type.Number()),
  gitCommit: Type.Union([Type.String(), Type.Null()]),
  gitDirty: Type.Union([Type.Boolean(), Type.Null()])
})

export type Environment = Static<typeof EnvironmentSchema>

export const RESULTS_FORMAT = 'event-loop-lab/load-results@2'

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
