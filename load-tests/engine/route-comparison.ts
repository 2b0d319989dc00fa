// The building block of every throughput scenario: load each route in turn with the same
// connections and duration, probe /health meanwhile, wait for the server to drain between runs, and
// read each route against its physical bound. Scenarios only say which routes and which bounds; the
// tables and charts are made from the returned data (scenarios/shared/compare-routes.ts).
import { availableParallelism } from 'node:os'
import { runAutocannonCounted, type CountedRun } from './autocannon-run.js'
import type { BoundAt } from '../core/bounds.js'
import { waitForDrain } from './drain.js'
import { startHealthProbe, summarizeProbe } from './health-probe.js'
import { PROBE_INTERVAL_MS, type DrainWait, type ProbeSample, type RouteComparisonRaw, type RouteRun, type ServerLoop } from '../core/route-run.js'
import type { ScenarioContext } from '../core/scenario.js'
import { readRunEnd, readStallCount, startServerWindow } from './server-stats.js'
import { summarizeOpenLoop, type OpenLoopRun } from '../core/open-loop.js'
import { runOpenLoop } from './open-loop.js'

const MIN_TIMEOUT_S = 10
/** Extra time for the drain after the longest possible queue. */
const DRAIN_SLACK_MS = 30_000

export interface RouteSpec {
  /** Short name in tables and charts, e.g. `async`. */
  label: string
  /** Path and query, e.g. `/async/delay?ms=50`. */
  path: string
  role: 'non-blocking' | 'blocking'
  bound: BoundAt
  /**
   * The server to load (and probe, and wait for) when it is not ctx.url: e.g. a second server that
   * a scenario started with ctx.startServer to compare a setting on and off.
   */
  baseUrl?: string
  /**
   * For a route that leaves work behind which /health cannot see (hashes still queued on libuv's
   * threadpool keep the cores busy while the event loop is free): after its run, wait until GET
   * settlePath — a tiny job queued behind that work — answers fast again (waitForDrain).
   */
  settlePath?: string
  /** Latency percentiles of 2xx answers only: for a shedding server, the latency of accepted requests. */
  latencyOf2xxOnly?: boolean
}

export async function runRouteComparison (ctx: ScenarioContext, routes: RouteSpec[]): Promise<RouteComparisonRaw> {
  const { connections, sweep } = ctx.options
  const runs: RouteRun[] = []
  for (const route of routes) runs.push(await runRoute(ctx, route, connections))

  const sweepRuns: RouteRun[] = []
  if (sweep !== undefined) {
    for (const count of [...new Set(sweep)].sort((a, b) => a - b)) {
      for (const route of routes) {
        sweepRuns.push(runs.find((run) => run.label === route.label && count === connections) ?? await runRoute(ctx, route, count))
      }
    }
  }
  const openLoop: OpenLoopRun[] = []
  if (ctx.options.rate !== undefined) {
    for (const route of routes) openLoop.push(await runOpenLoopRoute(ctx, route, ctx.options.rate))
  }
  return { runs, sweep: sweepRuns, openLoop }
}

/** The sender's connections: every request of the run may be out at once, up to this many. */
const MAX_OPEN_LOOP_SOCKETS = 1000

/** One route open-loop at `rate` req/s for --duration seconds, after the server drained. */
export async function runOpenLoopRoute (ctx: ScenarioContext, route: RouteSpec, rate: number): Promise<OpenLoopRun> {
  const { durationS, connections } = ctx.options
  const baseUrl = route.baseUrl ?? ctx.url
  const sent = Math.round(rate * durationS)
  // The longest wait: every request queued behind the others at the route's bound, three times over.
  const timeoutS = Math.max(10, Math.ceil((3 * sent) / route.bound(connections).reqPerSec))
  const name = `${route.label} ${route.path} · open loop at ${rate} req/s`
  await waitForDrain(baseUrl, timeoutS * 1000 + DRAIN_SLACK_MS, (message) => ctx.progress(`${name} · ${message}`))
  ctx.progress(`${name} · ${durationS} s of sending, then waiting for the answers`)
  const maxSockets = Math.min(sent, MAX_OPEN_LOOP_SOCKETS)
  const samples = await runOpenLoop({ url: baseUrl, path: route.path, rate, durationS, timeoutS, maxSockets })
  await settle(ctx, route, timeoutS, name)
  return {
    label: route.label,
    path: route.path,
    role: route.role,
    rate,
    durationS,
    timeoutS,
    maxSockets,
    bound: route.bound(maxSockets),
    ...summarizeOpenLoop(samples, timeoutS * 1000)
  }
}

/**
 * Long enough for the worst queue a route can build — every connection waiting its turn at the
 * route's bound — three times over, so slow blocking answers count as slow, not as errors.
 */
export function requestTimeoutS (connections: number, route: RouteSpec): number {
  return Math.max(MIN_TIMEOUT_S, Math.ceil((3 * connections) / route.bound(connections).reqPerSec))
}

/** One route at `connections`: drain, a fresh /stats window, autocannon with the /health probe, /stats again. */
export async function runRoute (ctx: ScenarioContext, route: RouteSpec, connections: number): Promise<RouteRun> {
  const { durationS } = ctx.options
  const timeoutS = requestTimeoutS(connections, route)
  const name = `${route.label} ${route.path} · ${connections} connections`
  const baseUrl = route.baseUrl ?? ctx.url
  const warmupS = warmUpSeconds(ctx, route)
  const drainBefore = await waitForDrain(baseUrl, timeoutS * 1000 + DRAIN_SLACK_MS, (message) => ctx.progress(`${name} · ${message}`))
  // The server's window (/stats reset, its stall count) and the /health probe describe the counted
  // window. With a warm-up they start halfway through it, not as the window opens: those requests and
  // the probe's new connection nudge a loaded server, and at 1000 connections on /async/delay the
  // window's first second lost 10-20 % of its answers to them (docs/load-test.md). The probe keeps
  // only the samples sent from the window's opening; the server's window starts half a warm-up earlier.
  // When the server's window opened (for the stalls in it) and its stall count then.
  const openServerWindow = async (): Promise<{ since: string, stallsBefore: number | null }> => {
    const since = new Date().toISOString()
    await startServerWindow(baseUrl)
    return { since, stallsBefore: await readStallCount(baseUrl) }
  }
  // Without a warm-up the load starts at once, and a blocking route would hold these requests behind
  // its whole queue: they go first.
  let serverWindow = Promise.resolve(warmupS === 0 ? await openServerWindow() : { since: new Date().toISOString(), stallsBefore: null })
  let probe: ReturnType<typeof startHealthProbe> | undefined
  const startProbe = () => {
    probe = startHealthProbe(baseUrl, {
      intervalMs: PROBE_INTERVAL_MS,
      maxSamples: Math.ceil((durationS * 1000) / PROBE_INTERVAL_MS) + 20,
      timeoutMs: timeoutS * 1000
    })
  }
  const onWarmUpHalfway = () => {
    startProbe()
    serverWindow = openServerWindow()
  }
  const onWindowOpen = () => {
    if (probe === undefined) startProbe()
    else probe.countFromNow()
  }
  const perSecond: number[] = []
  const latencyPerSecondMs: Array<number | null> = []
  let counted: CountedRun
  let samples: ProbeSample[] = []
  // Said before the first request, whatever the route: a watcher (the lab page) learns from it that
  // the load has begun, not a second later from the first count.
  ctx.progress(warmupS > 0
    ? `${name} · warming up for ${warmupS} s on the run's connections (not counted)`
    : `${name} · ${durationS} s of load from now`)
  try {
    counted = await runAutocannonCounted({
      url: `${baseUrl}${route.path}`,
      connections,
      durationS,
      timeoutS,
      latencyOf2xxOnly: route.latencyOf2xxOnly,
      drain: true,
      warmupS,
      onWarmUpHalfway,
      onWindowOpen,
      onSecond: (completed, elapsedS, meanLatencyMs) => {
        perSecond.push(completed)
        latencyPerSecondMs.push(meanLatencyMs)
        ctx.progress(`${name} · ${elapsedS}/${durationS} s · ${completed} req/s${elapsedS === durationS ? ' · waiting for the requests still out' : ''}`)
      }
    })
  } finally {
    // A blocking route's last probes come back only once its queue is worked off.
    ctx.progress(`${name} · waiting for the last /health probes`)
    samples = await probe?.stop() ?? []
  }
  const { since, stallsBefore } = await serverWindow
  const { server, heldBy } = await readRunEnd(baseUrl, stallsBefore, since)
  await settle(ctx, route, timeoutS, name)
  return { ...routeRun(route, connections, { timeoutS, warmupS }, counted, { perSecond, latencyPerSecondMs }, samples, drainBefore, server), heldBy }
}

/**
 * A non-blocking route's first second runs cold — code not yet optimised, connections to the
 * upstream and from the load generator still being opened — and would count against a steady-state
 * bound. Blocking routes get none: their rate is set by the wait itself, and a warm-up would only
 * leave a queue for the window to inherit.
 */
function warmUpSeconds (ctx: ScenarioContext, route: RouteSpec): number {
  return route.role === 'non-blocking' ? ctx.options.warmupS : 0
}

async function settle (ctx: ScenarioContext, route: RouteSpec, timeoutS: number, name: string): Promise<void> {
  if (route.settlePath === undefined) return
  await waitForDrain(route.baseUrl ?? ctx.url, timeoutS * 1000 + DRAIN_SLACK_MS, (message) => ctx.progress(`${name} · settling · ${message}`), route.settlePath)
}

function routeRun (route: RouteSpec, connections: number, { timeoutS, warmupS }: { timeoutS: number, warmupS: number }, { result, requests, windowS, latencyMs, loadGeneratorCpuS }: CountedRun,
  seconds: Pick<RouteRun, 'perSecond' | 'latencyPerSecondMs'>, samples: ProbeSample[], drainBefore: DrainWait, server: ServerLoop | null): RouteRun {
  const bound = route.bound(connections)
  // Every answer the window received, a warm-up request's included: the work the server did in it.
  const completed = requests.answered + requests.answeredFromWarmUp
  const reqPerSec = windowS > 0 ? completed / windowS : 0
  return {
    label: route.label,
    path: route.path,
    role: route.role,
    connections,
    durationS: windowS,
    timeoutS,
    warmupS,
    bound,
    reqPerSec,
    fractionOfBound: reqPerSec / bound.reqPerSec,
    completed,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, stats.count ?? 0])),
    // Of the window's own requests (autocannon's histogram would hold the warm-up's too).
    latencyMs: latencyMs ?? { p50: 0, p97_5: 0, p99: 0, max: 0, mean: 0 },
    ...seconds,
    requests,
    loadGenerator: { cpuCores: windowS > 0 ? loadGeneratorCpuS / windowS : 0, machineCores: availableParallelism() },
    // A request that timed out, in the window or after it, took at least the timeout: not in the histogram.
    latencyIsLowerBound: requests.unanswered > 0 || result.timeouts > 0,
    health: { ...summarizeProbe(samples), samples },
    drainBefore,
    server,
    autocannon: JSON.parse(JSON.stringify(result)) as unknown
  }
}
