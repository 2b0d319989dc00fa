// The probe on servers the lab did not write — Fastify, Express and plain node:http, each in its own
// process — and on the lab's own delay pair: every route gets the verdict its wait deserves. Tiny
// settings (two steps of 1 s) keep each probe to a few seconds.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Value } from '@sinclair/typebox/value'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../../../load-tests/engine/server-process.js'
import { PROBE_DEFAULTS, type ProbeOptions } from '../../../load-tests/probe/options.js'
import { probeResults } from '../../../load-tests/probe/probe.js'
import { ProbeRawSchema, ProbeResultsSchema, type ProbeRaw, type ProbeResults, type VerdictKind } from '../../../load-tests/probe/results.js'
import { skipWithoutChromium } from '../../helpers/chromium.js'
import { expectChartsDrawn } from '../../helpers/report-in-browser.js'
import { runBuilt } from '../../helpers/run-built.js'

const PROBE_TIMEOUT_MS = 30_000
/** 16 connections × 50 ms: a blocked loop makes the victim wait about 800 ms, a 2-slot pool caps at 2 × 20 req/s. */
const TINY: Omit<ProbeOptions, 'suspect' | 'victim'> = { ...PROBE_DEFAULTS, steps: [1, 16], stepDurationS: 1, serialRequests: 10, maxDurationS: 30 }

const probe = async (server: ServerProcess, path: string, victim = '/health') =>
  probeResults({ ...TINY, suspect: `${server.url}${path}`, victim: `${server.url}${victim}` })

const fixture = (name: string) => startServerProcess({ command: [process.execPath, '--import', 'tsx', `test/fixtures/probe-servers/${name}.ts`] })

const EXPECTED: Array<[path: string, verdict: VerdictKind]> = [
  ['/blocking?ms=50', 'blocks'],
  ['/non-blocking?ms=50', 'does-not-block'],
  ['/pool?ms=50', 'saturates-elsewhere']
]

describe.each(['fastify', 'express', 'node-http'])('the probe on the %s fixture server', (name) => {
  let server: ServerProcess
  beforeAll(async () => { server = await fixture(name) })
  afterAll(async () => { await server.stop() })

  it.each(EXPECTED)('%s: %s', async (path, verdict) => {
    const results = await probe(server, path)
    const headline = results.scenarios[0]?.verdicts[0]?.text ?? ''
    expect(results.verdict, headline).toBe(verdict)
  }, PROBE_TIMEOUT_MS)
})

describe('the probe stops before it stalls a server for long', () => {
  let server: ServerProcess
  beforeAll(async () => { server = await fixture('node-http') })
  afterAll(async () => { await server.stop() })

  it('adds no connections once the victim waits half the per-request timeout, and judges the steps it ran', async () => {
    // 400 ms per request: 4 connections already make /health wait about 1.6 s, over half of 2 s.
    const results = await probeResults({ ...TINY, steps: [1, 4, 16], timeoutS: 2, serialRequests: 3, suspect: `${server.url}/blocking?ms=400`, victim: `${server.url}/health` })
    const raw = results.scenarios[0]?.raw as ProbeRaw
    expect(raw.steps.map((step) => step.connections)).toEqual([1, 4])
    expect(raw.skipped).toEqual([{ connections: 16, reason: expect.stringMatching(/^the victim already waited \d+ ms \(p50\) at 4 connections; more would only stall the server longer$/) }])
    expect(results.verdict, results.scenarios[0]?.verdicts[0]?.text).toBe('blocks')
  }, PROBE_TIMEOUT_MS)
})

describe('the probe on the lab\'s own delay pair', () => {
  let server: ServerProcess
  let blocking: ProbeResults
  beforeAll(async () => { server = await startServerProcess({ env: { LOG_LEVEL: 'warn' } }) })
  afterAll(async () => { await server.stop() })

  it('/sync/delay blocks the event loop, with the numbers that say so', async () => {
    blocking = await probe(server, '/sync/delay?ms=50')
    const raw = blocking.scenarios[0]?.raw as ProbeRaw
    expect(blocking.verdict, blocking.scenarios[0]?.verdicts[0]?.text).toBe('blocks')
    expect(Value.Check(ProbeResultsSchema, blocking)).toBe(true)
    expect(Value.Check(ProbeRawSchema, raw)).toBe(true)
    // t is the busy-wait and a little HTTP: at least the 50 ms, well under twice that.
    expect(raw.tMs).toBeGreaterThanOrEqual(50)
    expect(raw.tMs).toBeLessThan(100)
    expect(raw.tMs).toBeLessThanOrEqual(raw.suspect.p50Ms ?? 0)
    const top = raw.steps.at(-1)
    expect(top?.connections).toBe(16)
    expect((top?.reqPerSec ?? 0) * raw.tMs / 1000).toBeLessThan(1.5)
    expect(blocking.scenarios[0]?.verdicts[0]?.text).toMatch(/^\/sync\/delay\?ms=50 blocks the event loop: [\d.]+ req\/s at 16 connections = [\d.]+× the serial bound/)
  }, PROBE_TIMEOUT_MS)

  it('/async/delay does not block', async () => {
    const results = await probe(server, '/async/delay?ms=50')
    expect(results.verdict, results.scenarios[0]?.verdicts[0]?.text).toBe('does-not-block')
  }, PROBE_TIMEOUT_MS)

  it('counts non-2xx answers apart and never in req/s: a suspect that answers 400 is refused before the load', async () => {
    await expect(probe(server, '/sync/delay?ms=abc')).rejects.toThrow(/^the suspect answered none of 10 requests with 2xx \(0 without an answer, statuses 400\)$/)
  })
})

describe('npm run probe end to end', () => {
  let server: ServerProcess
  let out: string
  beforeAll(async () => {
    server = await fixture('node-http')
    out = await mkdtemp(join(tmpdir(), 'probe-cli-'))
  })
  afterAll(async () => {
    await server.stop()
    await rm(out, { recursive: true, force: true })
  })

  it('prints the table and the verdict, and writes results.json, report.md and report.html', async () => {
    const run = await runBuilt('dist/load-tests/probe/cli.js', [
      '--suspect', `${server.url}/blocking?ms=50`, '--victim', `${server.url}/health`,
      '--steps', '1,16', '--step-duration', '1', '--out', out
    ], { timeoutMs: PROBE_TIMEOUT_MS })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/connections\s+req\/s\s+serial bound\s+concurrent bound/)
    expect(run.stdout).toMatch(/^Verdict\n✓ \/blocking\?ms=50 blocks the event loop: /m)
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(`Report: ${join(out, 'report.html')}`)
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as ProbeResults
    expect(Value.Check(ProbeResultsSchema, results)).toBe(true)
    expect(results.verdict).toBe('blocks')
    expect(await readFile(join(out, 'report.md'), 'utf8')).toMatch(/^## Verdict\n\n- ✓ \/blocking\?ms=50 blocks the event loop/m)
    const html = await readFile(join(out, 'report.html'), 'utf8')
    expect(html).toContain('Suspect throughput against its bounds')
    expect(html).toContain('/health while the suspect is loaded')
  }, PROBE_TIMEOUT_MS)

  it.skipIf(skipWithoutChromium('probe report.html browser test'))('draws both charts of report.html offline', async () => {
    await expectChartsDrawn(join(out, 'report.html'), 2)
  })
})
