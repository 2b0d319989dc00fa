// The load test's engine, usable from code and tests: finds or starts the server, picks the
// scenarios, runs them one after another and returns plain results. It prints nothing and writes no
// file: the CLI and the reporters do that from the returned data. It knows no scenario by name: the
// caller passes the registry (load-tests/scenarios/index.ts), and each scenario says when it runs.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describeEnvironment } from './environment.js'
import { UsageError, type LoadOptions } from '../core/options.js'
import { RESULTS_FORMAT, type LoadResults } from '../core/results-schema.js'
import type { Scenario, ScenarioContext, StartedServer } from '../core/scenario.js'
import { Type, type Static } from '@sinclair/typebox'
import { PROJECT_ROOT } from '../core/project-root.js'
import { getJson } from './json-client.js'
import { startServerProcess, waitForHealth } from './server-process.js'

/** What the runner reads of GET /: the paths, to pick the scenarios the server can run. */
const RouteIndexSchema = Type.Object({ routes: Type.Array(Type.Object({ path: Type.String() })) })

export interface RunHooks {
  /** Progress lines for the person waiting; results never depend on them. */
  progress?: (message: string) => void
}

const BUILT_SERVER = join('dist', 'src', 'server.js')

export async function runLoadTest (options: LoadOptions, registry: Scenario[], hooks: RunHooks = {}): Promise<LoadResults> {
  const progress = hooks.progress ?? (() => {})
  const requested = requestedScenarios(options, registry)
  const startedAt = new Date().toISOString()
  const environment = describeEnvironment()
  const started: StartedServer[] = []
  const serverEnv = Object.fromEntries((options.serverEnv ?? []).map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]))
  const startServer = async (env: Record<string, string> = {}): Promise<StartedServer> => {
    const server = await startEmbeddedServer({ ...serverEnv, ...env })
    started.push(server)
    return server
  }

  try {
    const target = options.url === undefined ? await startServer() : { url: options.url.replace(/\/+$/, ''), stop: async () => {} }
    if (options.url !== undefined && options.waitS !== undefined) {
      progress(`waiting up to ${options.waitS} s for ${target.url}/health`)
      await waitForHealth(target.url, options.waitS * 1000)
    }
    progress(`target: ${target.url}${options.url === undefined ? ' (started by the load test)' : ''}`)
    const scenarios = selectScenarios(requested, registry, await listPaths(target.url), target.url)
    const results = []
    for (const scenario of scenarios) {
      const ctx: ScenarioContext = {
        url: target.url,
        options,
        progress: (message) => progress(`${scenario.name} · ${message}`),
        startServer: options.url === undefined ? startServer : undefined
      }
      results.push({ name: scenario.name, summary: scenario.summary, ...await scenario.run(ctx) })
    }
    return {
      format: RESULTS_FORMAT,
      startedAt,
      finishedAt: new Date().toISOString(),
      options,
      environment,
      target: { url: target.url, embedded: options.url === undefined },
      scenarios: results,
      passed: results.every((result) => result.verdicts.every((verdict) => verdict.passed))
    }
  } finally {
    await Promise.all(started.map((server) => server.stop()))
  }
}

async function startEmbeddedServer (env: Record<string, string>): Promise<StartedServer> {
  if (!existsSync(join(PROJECT_ROOT, BUILT_SERVER))) {
    throw new Error(`${BUILT_SERVER} is missing: run \`npm run build\` first (npm run load and npm run demo do), or pass --url`)
  }
  // LOG_LEVEL=warn: a log line per request would cost the server time the load test is measuring.
  // Its log is discarded unparsed (keepLogLines 0): with --server-env LOG_LEVEL=debug, parsing every
  // line would cost the load generator, in this process, the time it needs; stderr says why a start failed.
  // 30 s to start: on a crowded machine (load average 15 on 2 cores) 10 s was seen not to be enough.
  const server = await startServerProcess({ env: { LOG_LEVEL: 'warn', ...env }, keepLogLines: 0, startTimeoutMs: 30_000 })
  return { url: server.url, stop: async () => { await server.stop() } }
}

/** The scenarios --scenarios names or, without it, those whose own options were given; undefined for the default. */
function requestedScenarios (options: LoadOptions, registry: Scenario[]): Scenario[] | undefined {
  if (options.scenarios === undefined) {
    const given = registry.filter((scenario) => (scenario.options ?? []).some((option) => options.scenarioOptions[option.flag] !== undefined))
    return given.length === 0 ? undefined : given
  }
  return options.scenarios.map((name) => {
    const scenario = registry.find((known) => known.name === name)
    if (scenario === undefined) {
      throw new UsageError(`--scenarios: no scenario named ${JSON.stringify(name)} (known: ${registry.map((known) => known.name).join(', ')})`)
    }
    return scenario
  })
}

/** The paths the server lists on GET / (its route index). */
async function listPaths (url: string): Promise<Set<string>> {
  let index: Static<typeof RouteIndexSchema>
  try {
    index = await getJson(url, '/', RouteIndexSchema)
  } catch (error) {
    throw new Error(`cannot read the route index of ${url}: is this an Event Loop Lab server? (${(error as Error).message})`)
  }
  return new Set(index.routes.map((route) => route.path))
}

function selectScenarios (requested: Scenario[] | undefined, registry: Scenario[], paths: Set<string>, url: string): Scenario[] {
  const missing = (scenario: Scenario) => scenario.requires.filter((path) => !paths.has(path))
  if (requested !== undefined) {
    for (const scenario of requested) {
      const absent = missing(scenario)
      if (absent.length > 0) throw new Error(`--scenarios ${scenario.name}: the server at ${url} has no ${absent.join(', ')} (GET / lists its routes)`)
    }
    return requested
  }
  const available = registry.filter((scenario) => scenario.runsByDefault && missing(scenario).length === 0)
  if (available.length === 0) throw new Error(`the server at ${url} has none of the routes of the scenarios that run by default`)
  return available
}
