// The soak benchmark (`--soak S`): a long steady load, watching the server's memory for growth that
// does not level off. A benchmark, not a test: it takes minutes and its numbers depend on the machine.
// It loads the non-blocking delay route, the one that serves the most requests per second, so the
// most allocations per second, and samples the server's RSS and heap (GET /stats) every second.
import { runAutocannon } from '../../engine/autocannon-run.js'
import { waitForDrain } from '../../engine/drain.js'
import type { Scenario, ScenarioContext } from '../../core/scenario.js'
import { readServerStats } from '../../engine/server-stats.js'
import { Type } from '@sinclair/typebox'
import { GROWTH_FLAG_TEXT, soakCharts, soakTable, soakVerdict, type MemorySample, type SoakRaw } from './soak-report.js'

const DEFAULT_SOAK_S = 60
const SAMPLE_EVERY_MS = 1000
/** Idle time before the "after" sample, for the last answers and a garbage collection to happen. */
const SETTLE_MS = 2000
const DRAIN_TIMEOUT_MS = 60_000

const SOAK_OPTION = {
  flag: 'soak',
  value: 'S',
  help: `S seconds of load on the non-blocking delay route, the server's RSS and heap before, during and after, growth above ${GROWTH_FLAG_TEXT} flagged (runs soak alone unless --scenarios names others)`,
  // At least a warm-up and two windows of several garbage collections each (soak-report.ts).
  schema: Type.Integer({ minimum: 30, maximum: 86_400 })
}

async function memoryNow (url: string, atS: number): Promise<MemorySample> {
  const stats = await readServerStats(url)
  if (stats === null) throw new Error(`soak: ${url}/stats did not answer; the soak benchmark reads the server's memory there`)
  return { atS, rssBytes: stats.memory.rssBytes, heapUsedBytes: stats.memory.heapUsedBytes }
}

/** Samples memory every second while the load runs (`durationS`, as autocannon counts it). */
async function sampleDuring (url: string, durationS: number): Promise<MemorySample[]> {
  const samples: MemorySample[] = []
  const started = performance.now()
  for (let second = 1; second < durationS; second++) {
    await new Promise((resolve) => setTimeout(resolve, started + second * SAMPLE_EVERY_MS - performance.now()))
    samples.push(await memoryNow(url, (performance.now() - started) / 1000))
  }
  return samples
}

async function soak (ctx: ScenarioContext): Promise<SoakRaw> {
  const { url, options } = ctx
  const given = options.scenarioOptions[SOAK_OPTION.flag]
  const durationS = typeof given === 'number' ? given : DEFAULT_SOAK_S
  const path = `/async/delay?ms=${options.ms}`
  await waitForDrain(url, DRAIN_TIMEOUT_MS)
  const before = await memoryNow(url, 0)
  const load = runAutocannon({
    url: `${url}${path}`,
    connections: options.connections,
    durationS,
    timeoutS: 10,
    onSecond: (completed, elapsedS) => ctx.progress(`${path} · ${elapsedS}/${durationS} s · ${completed} req/s`)
  })
  const [during, result] = await Promise.all([sampleDuring(url, durationS), load])
  ctx.progress('load over: waiting for the server to settle')
  await waitForDrain(url, DRAIN_TIMEOUT_MS)
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
  const after = await memoryNow(url, durationS + SETTLE_MS / 1000)
  return { path, connections: options.connections, durationS, requests: result.requests.total, errors: result.errors, before, during, after }
}

export const soakScenario: Scenario = {
  name: 'soak',
  summary: `--soak S: S seconds (default ${DEFAULT_SOAK_S}) of load on /async/delay, the server's RSS and heap before, during and after; growth above ${GROWTH_FLAG_TEXT} flagged`,
  runsByDefault: false,
  requires: ['/async/delay', '/stats'],
  options: [SOAK_OPTION],
  run: async (ctx) => {
    const raw = await soak(ctx)
    const verdict = soakVerdict(raw)
    return {
      title: `soak: ${raw.durationS} s of steady load, watching memory`,
      tables: [soakTable(raw)],
      verdicts: [verdict],
      charts: soakCharts(raw, verdict),
      raw
    }
  }
}
