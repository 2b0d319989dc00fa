// The soak benchmark's table, verdict and chart. Memory always grows at first — code gets compiled,
// pools and caches fill — so "before the load" against "after it" measures warm-up as much as leaks.
// The flag compares like with like instead: memory early in the steady load (after a warm-up) against
// memory late in it. The heap is a sawtooth (it grows between collections; here a few seconds apart),
// so each window counts by its floor, the lowest sample: what collection gets back to. A window spans
// several seconds, so several collections.
import { chart } from './charts.js'
import { formatPercent, formatRate } from './format.js'
import { left, right, type Chart, type Table, type Verdict } from './scenario.js'
import { percentile } from './stats.js'

export interface MemorySample {
  atS: number
  rssBytes: number
  heapUsedBytes: number
}

export interface SoakRaw {
  path: string
  connections: number
  durationS: number
  requests: number
  errors: number
  before: MemorySample
  during: MemorySample[]
  after: MemorySample
}

const GROWTH_FLAG = 0.1
/** The flag as --help and the scenario's summary state it, e.g. `10 %`. */
export const GROWTH_FLAG_TEXT = `${Math.round(GROWTH_FLAG * 100)} %`
const WARMUP_FRACTION = 0.2
const WINDOW_FRACTION = 0.2
const MIN_WINDOW_SAMPLES = 5

type Metric = 'rssBytes' | 'heapUsedBytes'
const METRICS: Array<[Metric, string]> = [['rssBytes', 'RSS'], ['heapUsedBytes', 'heap used']]

const mb = (bytes: number | null): string => (bytes === null ? '–' : `${(bytes / 2 ** 20).toFixed(1)} MB`)
const floor = (samples: MemorySample[], metric: Metric): number | null => percentile(samples.map((sample) => sample[metric]), 0)
const growth = (from: number | null, to: number | null): number | null => (from === null || to === null || from === 0 ? null : to / from - 1)

/** The samples early and late in the steady part of the run (after the warm-up). */
export function steadyWindows (raw: SoakRaw): { early: MemorySample[], late: MemorySample[] } {
  const steady = raw.during.filter((sample) => sample.atS >= raw.durationS * WARMUP_FRACTION)
  const size = Math.max(MIN_WINDOW_SAMPLES, Math.round(steady.length * WINDOW_FRACTION))
  return { early: steady.slice(0, size), late: steady.slice(-size) }
}

function steadyGrowth (raw: SoakRaw, metric: Metric): number | null {
  const { early, late } = steadyWindows(raw)
  return growth(floor(early, metric), floor(late, metric))
}

export function soakTable (raw: SoakRaw): Table {
  const { early, late } = steadyWindows(raw)
  const peak = (metric: Metric) => Math.max(...raw.during.map((sample) => sample[metric]))
  const row = (phase: string, value: (metric: Metric) => string) => [phase, ...METRICS.map(([metric]) => value(metric))]
  return {
    title: `${raw.path}, ${raw.connections} connections, ${raw.durationS} s: ${raw.requests} requests (${formatRate(raw.requests / raw.durationS)} req/s), ${raw.errors} errors`,
    columns: [left('when'), ...METRICS.map(([, name]) => right(name))],
    rows: [
      row('before the load (idle)', (metric) => mb(raw.before[metric])),
      row(`early steady load (floor of ${early.length} s)`, (metric) => mb(floor(early, metric))),
      row(`late steady load (floor of ${late.length} s)`, (metric) => mb(floor(late, metric))),
      row('peak during the load', (metric) => mb(peak(metric))),
      row('after the load (idle)', (metric) => mb(raw.after[metric])),
      row('growth, early → late steady', (metric) => formatPercent(steadyGrowth(raw, metric))),
      row('growth, before → after', (metric) => formatPercent(growth(raw.before[metric], raw.after[metric])))
    ],
    notes: [
      `memory from the server's GET /stats, sampled every second; the first ${formatPercent(WARMUP_FRACTION)} of the run is warm-up.`,
      `flagged when early → late steady growth exceeds ${formatPercent(GROWTH_FLAG)}: memory that keeps growing under an unchanging load.`,
      'before → after includes the warm-up (compiled code, pools, caches) and is shown for information.'
    ]
  }
}

export function soakVerdict (raw: SoakRaw): Verdict {
  const growths = METRICS.map(([metric, name]) => ({ name, value: steadyGrowth(raw, metric) }))
  const flagged = growths.filter(({ value }) => value === null || value > GROWTH_FLAG)
  const text = growths.map(({ name, value }) => `${name} ${value !== null && value >= 0 ? '+' : ''}${formatPercent(value)}`).join(', ')
  return {
    text: `soak ${raw.durationS} s: ${text} from early to late steady load ` +
      (flagged.length === 0 ? `(within ${formatPercent(GROWTH_FLAG)})` : `— ${flagged.map(({ name }) => name).join(' and ')} grew over ${formatPercent(GROWTH_FLAG)}: look for a leak`),
    passed: flagged.length === 0
  }
}

export function soakCharts (raw: SoakRaw): Chart[] {
  const points = [{ ...raw.before, phase: 'before' }, ...raw.during.map((sample) => ({ ...sample, phase: 'during' })), { ...raw.after, phase: 'after' }]
  const values = points.flatMap((point) => METRICS.map(([metric, name]) => ({ atS: point.atS, memory: name, mb: point[metric] / 2 ** 20, phase: point.phase })))
  return [chart('Server memory during the soak', `${soakVerdict(raw).text}. A leak shows as a line that keeps climbing after the warm-up; a healthy server levels off.`, {
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'atS', type: 'quantitative', title: 'time since the load started (s)' },
      y: { field: 'mb', type: 'quantitative', title: 'memory (MB)' },
      color: { field: 'memory', type: 'nominal', title: 'memory' },
      tooltip: [{ field: 'memory' }, { field: 'phase' }, { field: 'atS', format: '.0f', title: 's' }, { field: 'mb', format: '.1f', title: 'MB' }]
    }
  })]
}
