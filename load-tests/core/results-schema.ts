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

// Bumped whenever a field is added or changes meaning (@4: the warm-up's answers inside the window
// count, and the load generator's CPU is kept): --compare then refuses an older file by its format,
// by name, rather than skipping the routes it cannot read or weighing a biased rate against a fair one.
export const RESULTS_FORMAT = 'event-loop-lab/load-results@4'

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
