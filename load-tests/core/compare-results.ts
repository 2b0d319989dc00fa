// Run A vs run B (`--compare A/results.json B/results.json`): the same routes in two results files,
// each second of each run one sample, and Welch's t-test on those samples to say whether B is
// faster, slower, or not significantly different. Pure: the CLI reads the files, report/ prints.
import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import type { LoadResults } from './results-schema.js'
import { RouteComparisonRawSchema, type RouteRun } from './route-run.js'
import { welchTest, WelchSchema } from './welch.js'

export const COMPARISON_FORMAT = 'event-loop-lab/load-comparison@1'

/** Both must hold for a difference to count: the test, and a size worth reporting on a shared machine. */
export const SIGNIFICANCE = { alpha: 0.05, minEffect: 0.05 }

const Side = Type.Object({
  reqPerSec: Type.Number(),
  p50Ms: Type.Number(),
  p99Ms: Type.Number(),
  latencyIsLowerBound: Type.Boolean(),
  seconds: Type.Integer()
})

const Verdict = Type.Union([Type.Literal('faster'), Type.Literal('slower'), Type.Literal('no significant difference'), Type.Literal('too few samples')])

export const RouteDeltaSchema = Type.Object({
  scenario: Type.String(),
  path: Type.String(),
  connections: Type.Integer(),
  a: Side,
  b: Side,
  /** (B − A) ÷ A of the mean per-second req/s, and of the mean per-second latency. */
  reqPerSecChange: Type.Union([Type.Number(), Type.Null()]),
  latencyChange: Type.Union([Type.Number(), Type.Null()]),
  reqPerSecTest: Type.Union([WelchSchema, Type.Null()]),
  latencyTest: Type.Union([WelchSchema, Type.Null()]),
  verdict: Verdict,
  /** Which measurement decided: req/s first, latency when req/s did not differ (a route held at its bound). */
  decidedBy: Type.Union([Type.Literal('req/s'), Type.Literal('latency'), Type.Null()])
})

export const ResultsComparisonSchema = Type.Object({
  format: Type.Literal(COMPARISON_FORMAT),
  a: Type.Object({ file: Type.String(), startedAt: Type.String(), serverEnv: Type.Array(Type.String()) }),
  b: Type.Object({ file: Type.String(), startedAt: Type.String(), serverEnv: Type.Array(Type.String()) }),
  alpha: Type.Number(),
  minEffect: Type.Number(),
  routes: Type.Array(RouteDeltaSchema),
  /** Routes in only one of the files (scenario and path). */
  unmatched: Type.Array(Type.String()),
  /** What makes the two runs less comparable than their numbers say: a busy machine, another Node or commit. */
  caveats: Type.Array(Type.String())
})

export type RouteDelta = Static<typeof RouteDeltaSchema>
export type ResultsComparison = Static<typeof ResultsComparisonSchema>

interface NamedResults { file: string, results: LoadResults }

/** Every main run of every route-comparison scenario, keyed by scenario, path and connections. */
function runsOf (results: LoadResults): Map<string, { scenario: string, run: RouteRun }> {
  const runs = new Map<string, { scenario: string, run: RouteRun }>()
  for (const scenario of results.scenarios) {
    if (!Value.Check(RouteComparisonRawSchema, scenario.raw)) continue
    for (const run of scenario.raw.runs) runs.set(`${scenario.name} ${run.path} ${run.connections}`, { scenario: scenario.name, run })
  }
  return runs
}

const change = (a: number, b: number): number | null => a === 0 ? null : (b - a) / a

function side (run: RouteRun): Static<typeof Side> {
  return { reqPerSec: run.reqPerSec, p50Ms: run.latencyMs.p50, p99Ms: run.latencyMs.p99, latencyIsLowerBound: run.latencyIsLowerBound, seconds: run.perSecond.length }
}

const defined = (values: Array<number | null>): number[] => values.flatMap((value) => value === null ? [] : [value])

export function compareRouteRuns (scenario: string, a: RouteRun, b: RouteRun, { alpha, minEffect } = SIGNIFICANCE): RouteDelta {
  const reqPerSecTest = welchTest(a.perSecond, b.perSecond)
  const latencyTest = welchTest(defined(a.latencyPerSecondMs), defined(b.latencyPerSecondMs))
  const reqPerSecChange = reqPerSecTest === null ? null : change(reqPerSecTest.meanA, reqPerSecTest.meanB)
  const latencyChange = latencyTest === null ? null : change(latencyTest.meanA, latencyTest.meanB)
  const differs = (test: typeof reqPerSecTest, delta: number | null) => test !== null && delta !== null && test.p < alpha && Math.abs(delta) >= minEffect
  let verdict: RouteDelta['verdict'] = reqPerSecTest === null && latencyTest === null ? 'too few samples' : 'no significant difference'
  let decidedBy: RouteDelta['decidedBy'] = null
  if (differs(reqPerSecTest, reqPerSecChange)) {
    verdict = (reqPerSecChange ?? 0) > 0 ? 'faster' : 'slower'
    decidedBy = 'req/s'
  } else if (differs(latencyTest, latencyChange)) {
    verdict = (latencyChange ?? 0) < 0 ? 'faster' : 'slower'
    decidedBy = 'latency'
  }
  return { scenario, path: a.path, connections: a.connections, a: side(a), b: side(b), reqPerSecChange, latencyChange, reqPerSecTest, latencyTest, verdict, decidedBy }
}

export function compareResults (a: NamedResults, b: NamedResults, significance = SIGNIFICANCE): ResultsComparison {
  const runsA = runsOf(a.results)
  const runsB = runsOf(b.results)
  const routes = [...runsA].flatMap(([key, { scenario, run }]) => {
    const other = runsB.get(key)
    return other === undefined ? [] : [compareRouteRuns(scenario, run, other.run, significance)]
  })
  const unmatched = [...new Set([...runsA.keys(), ...runsB.keys()])].filter((key) => !(runsA.has(key) && runsB.has(key)))
  const about = ({ file, results }: NamedResults) => ({ file, startedAt: results.startedAt, serverEnv: results.options.serverEnv ?? [] })
  return { format: COMPARISON_FORMAT, a: about(a), b: about(b), alpha: significance.alpha, minEffect: significance.minEffect, routes, unmatched, caveats: caveats(a, b) }
}

/**
 * The test takes each second of a run as a sample of the same conditions; another process taking the
 * cores between or during the runs breaks that, and the verdict may be the machine's, not the server's.
 */
function caveats (a: NamedResults, b: NamedResults): string[] {
  const found: string[] = []
  for (const [name, { results }] of [['A', a], ['B', b]] as const) {
    const [load = 0] = results.environment.loadAverage
    if (load > results.environment.cpuCount) {
      found.push(`run ${name} started with a load average of ${load} on ${results.environment.cpuCount} cores: other work shared the machine, and a difference may be its doing`)
    }
  }
  const differs = (what: string, x: unknown, y: unknown) => { if (x !== y) found.push(`${what} differs: ${String(x)} (A) vs ${String(y)} (B)`) }
  differs('Node', a.results.environment.node, b.results.environment.node)
  differs('the commit', a.results.environment.gitCommit, b.results.environment.gitCommit)
  return found
}
