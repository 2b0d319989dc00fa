// The CLI end to end, as a user runs it: the built CLI in its own process starts the built server
// in another, loads the delay pair with tiny settings, and writes the three report files.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Value } from '@sinclair/typebox/value'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LoadResultsSchema, type LoadResults } from '../../load-tests/core/results-schema.js'
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
    run = await runCli([...TINY, '--out', out])
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
  const run = await runCli([...TINY, '--out', join(outRoot, 'check'), '--check', '--check-async-min', '2', '--json'])
  expect(run.code, run.stderr).toBe(1)
  const results = JSON.parse(run.stdout) as LoadResults
  expect(results.passed).toBe(false)
  const failed = results.scenarios[0]?.verdicts.filter((verdict) => !verdict.passed).map((verdict) => verdict.check?.option)
  expect(failed).toContain('check-async-min')
  expect(run.stderr).toContain('Report: ')
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
