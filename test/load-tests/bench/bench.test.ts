// `npm run bench` end to end with tiny settings: the built bench starts bare Fastify and the lab's
// server at its defaults in processes of their own, loads each, and writes its three files. What is
// checked is the structure and that every ratio is computed from the measurements — never whether a
// threshold is met: on a shared machine, with one second of load, that is noise (the bench's
// --check is for that, on a quiet machine with the default settings).
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { BenchResults } from '../../../load-tests/bench/run-bench.js'
import type { TargetSummary } from '../../../load-tests/bench/bench-summary.js'
import { runBuilt, type BuiltRun } from '../../helpers/run-built.js'
import { launchChromium, skipWithoutChromium } from '../../helpers/chromium.js'

const TINY = ['--duration', '1', '--rounds', '2', '--warmup', '0', '--connections', '5', '--targets', 'default,default-async']

let out: string
let run: BuiltRun
let results: BenchResults & { summary: TargetSummary[] }
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'bench-'))
  run = await runBuilt('dist/load-tests/bench/cli.js', [...TINY, '--out', out, '--json'], { timeoutMs: 90_000 })
  results = JSON.parse(await readFile(join(out, 'bench.json'), 'utf8')) as typeof results
}, 100_000)
afterAll(async () => { await rm(out, { recursive: true, force: true }) })

it('measures bare Fastify and each target named, every round, each with answers and no errors', () => {
  expect(run.code, run.stderr).toBe(0)
  expect(results.format).toBe('event-loop-lab/bench-results@3')
  expect(results.targets.map((runs) => [runs.target.name, runs.target.path])).toEqual([
    ['bare', '/hello'], ['default', '/health'], ['default-async', '/async/delay?ms=0']
  ])
  const [bare, ...others] = results.targets
  // Bare Fastify alternates with every other target's run, in each round: one bare run per target,
  // the rotation starting one target further each round.
  expect(bare?.runs.map((measurement) => [measurement.round, measurement.against])).toEqual([
    [1, 'default'], [1, 'default-async'], [2, 'default-async'], [2, 'default']
  ])
  for (const { runs } of others) expect(runs.map((measurement) => measurement.round)).toEqual([1, 2])
  // One second of load in half-second slices: two for the target, two for bare Fastify against it.
  for (const { runs } of results.targets) for (const measurement of runs) expect(measurement.slices).toBe(2)
  // Every process is new each round: one bare Fastify per round, one per target measurement.
  const barePids = [1, 2].map((round) => new Set(bare?.runs.filter((measurement) => measurement.round === round).map((measurement) => measurement.pid)))
  expect(barePids.map((pids) => pids.size)).toEqual([1, 1])
  const targetPids = others.flatMap(({ runs }) => runs.map((measurement) => measurement.pid))
  const allPids = [...barePids.flatMap((pids) => [...pids]), ...targetPids]
  expect(new Set(allPids).size).toBe(allPids.length)
  for (const { runs } of results.targets) {
    for (const measurement of runs) {
      expect(measurement.reqPerSec).toBeGreaterThan(0)
      expect(measurement.errors + measurement.non2xx).toBe(0)
    }
  }
  // --json prints the same results the file holds.
  expect(JSON.parse(run.stdout)).toEqual(results)
})

it('computes each ratio from bare Fastify\'s slices alternating with the target\'s: target ÷ bare, median and spread', () => {
  const bare = results.targets[0]?.runs ?? []
  for (const { target, runs } of results.targets.slice(1)) {
    for (const measurement of runs) {
      const against = bare.find((run) => run.round === measurement.round && run.against === target.name)
      expect(measurement.referenceReqPerSec).toBe(against?.reqPerSec)
      expect(measurement.referenceCpuUsPerRequest).toBe(against?.cpuUsPerRequest)
    }
  }
  for (const [i, { target, runs }] of results.targets.entries()) {
    const summary = results.summary[i]
    expect(summary?.name).toBe(target.name)
    const perRound = runs.map((measurement) => measurement.reqPerSec / (measurement.referenceReqPerSec ?? measurement.reqPerSec))
    expect(summary?.ratios).toEqual(perRound)
    expect(summary?.ratioMin).toBe(Math.min(...perRound))
    expect(summary?.ratioMax).toBe(Math.max(...perRound))
    // The median of two is the nearest-rank one: the lower.
    expect(summary?.ratio).toBe(Math.min(...perRound))
    const cpuPerRound = runs.map((measurement) => (measurement.referenceCpuUsPerRequest ?? measurement.cpuUsPerRequest ?? NaN) / (measurement.cpuUsPerRequest ?? NaN))
    expect(summary?.cpuRatio).toBeCloseTo(Math.min(...cpuPerRound), 10)
  }
  expect(results.summary[0]?.ratio).toBe(1)
})

it('writes the report: the ratio table in markdown and the HTML page with its chart and verdicts', async () => {
  const markdown = await readFile(join(out, 'bench.md'), 'utf8')
  expect(markdown).toContain('| target | path | req/s | vs bare |')
  expect(markdown).toContain('app, default configuration, GET /health')
  const html = await readFile(join(out, 'bench.html'), 'utf8')
  expect(html).toContain('What observability costs')
  expect(html).toContain('req/s of each target ÷ bare Fastify')
  expect(html).toMatch(/wanted ≥ 0\.85/)
})

it.skipIf(skipWithoutChromium('bench chart test'))('draws its chart in headless Chromium, offline, without an error on the page', async () => {
  const browser = await launchChromium()
  try {
    const page = await browser.newPage()
    const problems: string[] = []
    page.on('console', (message) => { if (['error', 'warning'].includes(message.type())) problems.push(message.text()) })
    page.on('pageerror', (error) => { problems.push(error.message) })
    await page.route(/^https?:/, async (route) => { await route.abort() })
    await page.goto(pathToFileURL(join(out, 'bench.html')).href)
    await page.waitForSelector('body[data-charts-rendered]', { timeout: 15_000 })
    expect(await page.getAttribute('body', 'data-charts-rendered')).toBe('1')
    // One bar per target.
    expect(await page.$$eval('figure .chart svg .mark-rect path', (bars) => bars.length)).toBe(results.targets.length)
    expect(problems).toEqual([])
  } finally {
    await browser.close()
  }
})
