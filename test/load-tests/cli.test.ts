// The CLI end to end, as a user runs it: the built CLI in its own process starts the built server
// in another, loads the delay pair with tiny settings, and writes the three report files.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Value } from '@sinclair/typebox/value'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LoadResultsSchema, RESULTS_FORMAT, type LoadResults } from '../../load-tests/core/results-schema.js'
import { RouteComparisonRawSchema, type RouteComparisonRaw } from '../../load-tests/core/route-run.js'
import { OPTION_SPECS } from '../../load-tests/core/options.js'
import { runBuilt, type BuiltRun } from '../helpers/run-built.js'

const TINY = ['--ms', '20', '--connections', '10', '--duration', '1']
const CLI_TIMEOUT_MS = 60_000

/** The built CLI, as `npm run load -- ...args` runs it. */
const runCli = async (args: string[]): Promise<BuiltRun> => runBuilt('dist/load-tests/cli.js', args, { timeoutMs: CLI_TIMEOUT_MS })

let outRoot: string
beforeAll(async () => { outRoot = await mkdtemp(join(tmpdir(), 'load-cli-')) })
afterAll(async () => { await rm(outRoot, { recursive: true, force: true }) })

describe('npm run load with tiny settings against the server it starts itself', () => {
  let run: BuiltRun
  let results: LoadResults
  let out: string
  beforeAll(async () => {
    out = join(outRoot, 'plain')
    // 100 req/s open-loop: twice the bound of /sync/delay?ms=20.
    run = await runCli([...TINY, '--rate', '100', '--out', out])
    results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as LoadResults
  }, CLI_TIMEOUT_MS)

  it('exits 0 and prints the table, the verdict and the report path', () => {
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/route\s+req\/s\s+bound\s+% of bound/)
    expect(run.stdout).toMatch(/^Verdict\n[✓✗] delay: blocking throughput collapsed/m)
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(`Report: ${join(out, 'report.html')}`)
    expect(run.stderr).toContain('/sync/delay?ms=20 · 10 connections · 1/1 s')
  })

  it('writes results.json that matches its TypeBox schema, raw runs included', () => {
    expect([...Value.Errors(LoadResultsSchema, results)]).toEqual([])
    const raw = results.scenarios[0]?.raw
    expect([...Value.Errors(RouteComparisonRawSchema, raw)]).toEqual([])
    expect(results.environment.cpuCount).toBeGreaterThan(0)
    expect(results.target.embedded).toBe(true)
  })

  it('the blocking route serves far fewer requests: async req/s > 3 × sync req/s', () => {
    const { runs } = results.scenarios[0]?.raw as RouteComparisonRaw
    const [fast, slow] = runs
    expect(fast?.path).toBe('/async/delay?ms=20')
    expect(slow?.path).toBe('/sync/delay?ms=20')
    expect(fast?.reqPerSec).toBeGreaterThan(3 * (slow?.reqPerSec ?? Infinity))
    expect(slow?.errors).toBe(0)
    expect(fast?.health.answered).toBeGreaterThan(0)
  })

  it('accounts for every request: the blocking route\'s waiting requests at the close are drained into its latencies', () => {
    const slow = (results.scenarios[0]?.raw as RouteComparisonRaw).runs[1]
    expect(slow?.requests.waitingAtClose).toBeGreaterThan(0)
    expect(slow?.requests.sent).toBe((slow?.requests.answered ?? 0) + (slow?.requests.waitingAtClose ?? 0))
    expect(slow?.requests.drained).toBe(slow?.requests.waitingAtClose)
    expect(slow?.latencyPerSecondMs).toHaveLength(slow?.perSecond.length ?? -1)
    expect(run.stdout).toMatch(/sent\s+answered\s+waiting at close/)
  })

  it('--rate: the open-loop table and chart beside the closed loop, and the growth check', async () => {
    const { openLoop } = results.scenarios[0]?.raw as RouteComparisonRaw
    expect(openLoop.map((loop) => [loop.path, loop.rate, loop.sent])).toEqual([['/async/delay?ms=20', 100, 100], ['/sync/delay?ms=20', 100, 100]])
    expect(run.stdout).toMatch(/^closed loop: 10 connections/m)
    expect(run.stdout).toMatch(/^open loop: 100 requests per second whatever the answers/m)
    expect(results.scenarios[0]?.verdicts.map((verdict) => verdict.check?.option)).toContain('check-open-growth-min')
    expect(results.scenarios[0]?.charts.map((chart) => chart.title)).toContain('Open loop: latency over time at 100 req/s')
  })

  it('writes report.md with the verdict and report.html with the charts', async () => {
    const markdown = await readFile(join(out, 'report.md'), 'utf8')
    expect(markdown).toMatch(/## Verdict\n\n- [✓✗] delay: blocking throughput collapsed \d/)
    expect(markdown).toContain('| route | req/s | bound |')
    const html = await readFile(join(out, 'report.html'), 'utf8')
    expect(html).toContain('id="chart-0"')
    expect(html).not.toMatch(/<script[^>]+src=/)
  })
})

it('--check with an impossible threshold exits 1; --json prints only the results on stdout', async () => {
  // Two seconds per route: two per-second samples of each, which --compare below reads.
  const run = await runCli(['--ms', '20', '--connections', '10', '--duration', '2', '--out', join(outRoot, 'check'), '--check', '--check-async-min', '2', '--json'])
  expect(run.code, run.stderr).toBe(1)
  const results = JSON.parse(run.stdout) as LoadResults
  expect(results.passed).toBe(false)
  const failed = results.scenarios[0]?.verdicts.filter((verdict) => !verdict.passed).map((verdict) => verdict.check?.option)
  expect(failed).toContain('check-async-min')
  expect(run.stderr).toContain('Report: ')
}, CLI_TIMEOUT_MS)

it('--compare of a run with itself: no significant difference, printed and written; one file only exits 2', async () => {
  const a = join(outRoot, 'check', 'results.json')
  const out = join(outRoot, 'compare')
  const run = await runCli(['--compare', a, a, '--out', out])
  expect(run.code, run.stderr).toBe(0)
  expect(run.stdout).toMatch(/^delay \/async\/delay\?ms=20: B is — no significant difference/m)
  expect(run.stdout).toMatch(/^delay \/sync\/delay\?ms=20: B is — no significant difference/m)
  const comparison = JSON.parse(await readFile(join(out, 'comparison.json'), 'utf8')) as { routes: Array<{ verdict: string }> }
  // Every route of every pair that ran (delay, fetch, hash).
  expect(comparison.routes.length).toBeGreaterThanOrEqual(2)
  expect(new Set(comparison.routes.map((route) => route.verdict))).toEqual(new Set(['no significant difference']))
  // One second per route is one sample: no test. (Both files come from the runs above, in this file's order.)
  const short = join(outRoot, 'plain', 'results.json')
  expect((await runCli(['--compare', short, short, '--out', out])).stdout).toMatch(/^delay \/sync\/delay\?ms=20: B is — too few samples/m)
  // A file of an older format is refused by name, not skipped route by route.
  const older = join(outRoot, 'older-results.json')
  await writeFile(older, JSON.stringify({ ...JSON.parse(await readFile(a, 'utf8')) as object, format: 'event-loop-lab/load-results@3' }))
  const refused = await runCli(['--compare', older, a, '--out', out])
  expect(refused.code).toBe(2)
  expect(refused.stderr).toContain(`load test: --compare: ${older} is "event-loop-lab/load-results@3", not ${RESULTS_FORMAT}: run it again with this version`)
  const single = await runCli(['--compare', a])
  expect(single.code).toBe(2)
  expect(single.stderr).toMatch(/^load test: --compare takes two results.json files/)
}, CLI_TIMEOUT_MS)

it('a bad option exits 2 with one line naming it, before starting anything', async () => {
  const run = await runCli(['--connections', '0'])
  expect(run.code).toBe(2)
  expect(run.stderr).toMatch(/^load test: --connections must be an integer from 1 to 2000 \(got "0"\)\n/)
  expect(run.stdout).toBe('')
})

it('--help documents every option', async () => {
  const run = await runCli(['--help'])
  expect(run.code).toBe(0)
  for (const spec of OPTION_SPECS) expect(run.stdout).toContain(`--${spec.flag}`)
  expect(run.stdout).toMatch(/^ {2}delay +/m)
  // A scenario's own option, contributed by its folder.
  expect(run.stdout).toMatch(/^ {2}--soak S +soak: /m)
})

it('--pairs is still accepted, as --scenarios, and an unknown name exits 2 before starting anything', async () => {
  const run = await runCli(['--pairs', 'delay,nope'])
  expect(run.code).toBe(2)
  expect(run.stderr).toMatch(/^load test: --scenarios: no scenario named "nope" \(known: delay, fetch, hash, /)
})
