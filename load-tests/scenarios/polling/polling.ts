// The polling parent under load: jobs of one second, watched by polling every P ms or by one
// Server-Sent Events stream each. Polling pays in requests (about job length / P per job, all but
// the last wasted) and in lateness (up to P, P / 2 on average); the event stream costs one request
// and is late by only the time the news takes to travel.
import { setTimeout as sleep } from 'node:timers/promises'
import { chart, percentileBars } from '../../report/charts.js'
import { formatMs, formatRate } from '../../core/format.js'
import { JsonClient } from '../../engine/json-client.js'
import { awaitJobEvent, pollJob, type WatchedJob } from './job-watchers.js'
import { withHeadline } from '../../core/pair-verdicts.js'
import { left, right, type Chart, type Scenario, type ScenarioContext, type Table, type Verdict } from '../../core/scenario.js'
import { percentile } from '../../core/statistics.js'

const JOB_MS = 1000
/** Slowest first, as a parent would try them, then the event stream. */
const INTERVALS_MS = [1000, 500, 250, 100, 25]
/** Each polling interval, then null: the event stream. */
const STRATEGIES = [...INTERVALS_MS, null]
/** Jobs per strategy: --connections, capped so the jobs of all STRATEGIES together stay well inside the server's default JOBS_MAX. */
const MAX_JOBS = 100
/**
 * Job i starts (i / jobs) × this after the first, so the jobs end at different moments, as real ones
 * do. Started together, they ended in one timer callback: the server wrote every event stream's
 * `done` at once and the client read them one after another, so the event stream's median measured
 * that queue (5 ms and more on a busy machine) rather than one trip.
 */
const START_SPREAD_MS = 250
const SSE = 'events (SSE)'
/** The lateness chart's grey bar: a polling client learns of the job at most one interval late. */
const INTERVAL = 'interval (the most it can be)'

export interface StrategyRun {
  strategy: string
  intervalMs: number | null
  jobs: number
  requestsPerJob: number
  wastedPerJob: number
  delayMs: { p50: number | null, mean: number, max: number }
  /** GET requests per second the strategy cost the server while it ran. */
  getsPerSec: number
  delays: number[]
}

async function runStrategy (client: JsonClient, intervalMs: number | null, jobs: number): Promise<StrategyRun> {
  const started = performance.now()
  const watched: WatchedJob[] = await Promise.all(Array.from({ length: jobs }, async (_, index) => {
    await sleep((index / jobs) * START_SPREAD_MS)
    return intervalMs === null
      ? await awaitJobEvent(client, JOB_MS, JOB_MS + 30_000)
      : await pollJob(client, JOB_MS, intervalMs, (index / jobs) * intervalMs, Math.ceil(JOB_MS / intervalMs) + 100)
  }))
  const elapsedS = (performance.now() - started) / 1000
  const delays = watched.map((job) => job.delayMs)
  const requests = watched.reduce((sum, job) => sum + job.requests, 0)
  return {
    strategy: intervalMs === null ? SSE : `poll every ${intervalMs} ms`,
    intervalMs,
    jobs,
    requestsPerJob: requests / jobs,
    wastedPerJob: watched.reduce((sum, job) => sum + job.wasted, 0) / jobs,
    delayMs: { p50: percentile(delays, 50), mean: delays.reduce((sum, delay) => sum + delay, 0) / jobs, max: Math.max(...delays) },
    getsPerSec: requests / elapsedS,
    delays
  }
}

function table (runs: StrategyRun[]): Table {
  return {
    title: `${runs[0]?.jobs ?? 0} jobs of ${JOB_MS} ms per strategy, watched at once`,
    columns: [left('strategy'), right('requests/job'), right('wasted/job'), right('late p50'), right('late mean'), right('late max'),
      right('expected lateness'), right('GET req/s')],
    rows: runs.map((run) => [
      run.strategy, formatRate(run.requestsPerJob), formatRate(run.wastedPerJob), formatMs(run.delayMs.p50), formatMs(run.delayMs.mean),
      formatMs(run.delayMs.max), run.intervalMs === null ? '≈ 0' : `≤ ${run.intervalMs} ms, ≈ ${run.intervalMs / 2} on average`, formatRate(run.getsPerSec)
    ]),
    notes: [
      'late = how long after the job finished the client read the answer that said so: from sending the POST to reading "done", less the job\'s run time (the server\'s ageMs − finishedAgoMs).',
      `the jobs start over ${START_SPREAD_MS} ms, so they end at different moments; each polling client first looks at a different moment of the interval, as clients whose jobs finish at any time would;`,
      'the interval runs from one answer to the next request, so a busy server stretches it (fewer polls, later news than P allows).',
      `wasted = polls that found the job still running: about ${JOB_MS} / interval per job; the event stream is one request whatever happens.`
    ]
  }
}

function charts (runs: StrategyRun[]): Chart[] {
  const strategies = { field: 'strategy', title: 'how the client learns the job is done', labelAngle: -20 }
  const strategyAxis = { field: strategies.field, type: 'nominal' as const, title: strategies.title, sort: runs.map((run) => run.strategy), axis: { labelAngle: strategies.labelAngle } }
  const lateness = runs.flatMap((run) => [
    { group: run.strategy, series: 'late p50', ms: run.delayMs.p50 ?? 0 },
    { group: run.strategy, series: 'late max', ms: run.delayMs.max },
    ...(run.intervalMs === null ? [] : [{ group: run.strategy, series: INTERVAL, ms: run.intervalMs }])
  ])
  const requests = runs.flatMap((run) => [
    { strategy: run.strategy, kind: 'useful', count: run.requestsPerJob - run.wastedPerJob },
    { strategy: run.strategy, kind: 'wasted', count: run.wastedPerJob }
  ])
  const sse = runs.find((run) => run.intervalMs === null)
  const fastest = runs.filter((run) => run.intervalMs !== null).at(-1)
  return [
    percentileBars('How late the client learns that the job is done',
      `Polling news is late by up to its interval (grey bar) and about half of it typically; the event stream's is ${formatMs(sse?.delayMs.p50 ?? null)} at the median (log scale).`,
      lateness, {
        group: strategies,
        y: 'lateness',
        color: { field: 'series', type: 'nominal', title: 'series', scale: { domain: ['late p50', 'late max', INTERVAL], range: ['#4c78a8', '#f58518', '#bab0ac'] } }
      }),
    chart('Requests per job',
      `Polling every ${fastest?.intervalMs ?? '–'} ms cost ${formatRate(fastest?.requestsPerJob ?? null)} requests per job, all but one wasted; the event stream costs one.`, {
        data: { values: requests },
        mark: 'bar',
        encoding: {
          x: strategyAxis,
          y: { field: 'count', type: 'quantitative', title: 'GET requests per job', stack: 'zero' },
          color: { field: 'kind', type: 'nominal', title: 'request', sort: ['useful', 'wasted'], scale: { range: ['#54a24b', '#e45756'] } },
          tooltip: [{ field: 'strategy' }, { field: 'kind' }, { field: 'count', format: '.1f' }]
        }
      })
  ]
}

function verdicts (runs: StrategyRun[]): Verdict[] {
  const sse = runs.find((run) => run.intervalMs === null)
  const polls = runs.filter((run) => run.intervalMs !== null)
  const fastest = polls.at(-1)
  if (sse === undefined || fastest === undefined) throw new Error('polling: a strategy is missing')
  const checks: Verdict[] = [
    { text: `${SSE}: one request per job, none wasted`, passed: sse.requestsPerJob === 1 && sse.wastedPerJob === 0 },
    {
      text: `${SSE}: told ${formatMs(sse.delayMs.p50)} late at the median, sooner than even polling every ${fastest.intervalMs} ms (${formatMs(fastest.delayMs.p50)})`,
      passed: (sse.delayMs.p50 ?? Infinity) < (fastest.delayMs.p50 ?? 0)
    }
  ]
  const described = polls.map((run) => `every ${run.intervalMs} ms: ${formatMs(run.delayMs.p50)} late, ${formatRate(run.wastedPerJob)} wasted requests per job`)
  const headline = `polling: ${described.join('; ')}; ${SSE}: ${formatMs(sse.delayMs.p50)} late, none wasted`
  return withHeadline(headline, checks)
}

export const pollingScenario: Scenario = {
  name: 'polling',
  summary: `jobs of ${JOB_MS} ms watched by polling every ${INTERVALS_MS.join(', ')} ms or by Server-Sent Events: lateness and wasted requests`,
  runsByDefault: false,
  requires: ['/jobs', '/jobs/:id', '/jobs/:id/events'],
  run: async (ctx: ScenarioContext) => {
    const jobs = Math.min(ctx.options.connections, MAX_JOBS)
    const client = new JsonClient(ctx.url)
    try {
      const runs: StrategyRun[] = []
      for (const intervalMs of STRATEGIES) {
        ctx.progress(`${jobs} jobs of ${JOB_MS} ms, ${intervalMs === null ? 'each told by its event stream' : `each polled every ${intervalMs} ms`}`)
        runs.push(await runStrategy(client, intervalMs, jobs))
      }
      return {
        title: 'polling: asking every P ms, or being told once',
        tables: [table(runs)],
        verdicts: verdicts(runs),
        charts: charts(runs),
        raw: { jobMs: JOB_MS, runs }
      }
    } finally {
      client.close()
    }
  }
}
