// The soak benchmark's table, verdict and chart. Memory always grows at first — code gets compiled,
// pools and caches fill — so "before the load" against "after it" measures warm-up as much as leaks.
// The flag compares like with like instead: memory early in the steady load (after a warm-up) against
// memory late in it. The heap is a sawtooth (it grows between collections; here a few seconds apart),
// so each window counts by its floor, the lowest sample: what collection gets back to. A window spans
// several seconds, so several collections.
import { chart } from '../../report/charts.js'
import { formatMiB, formatPercent, formatRate, MIB } from '../../core/format.js'
import { left, right, type Chart, type Table, type Verdict } from '../../core/scenario.js'
import { percentile } from '../../core/statistics.js'

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

const floor = (samples: MemorySample[], metric: Metric): number | null => percentile(samples.map((sample) => sample[metric]), 0)
const growth = (from: number | null, to: number | null): number | null => (from === null || to === null || from === 0 ? null : to / from - 1)

interface SteadyWindows { early: MemorySample[], late: MemorySample[] }

/** The samples early and late in the steady part of the run (after the warm-up). */
export function steadyWindows (raw: SoakRaw): SteadyWindows {
  const steady = raw.during.filter((sample) => sample.atS >= raw.durationS * WARMUP_FRACTION)
  const size = Math.max(MIN_WINDOW_SAMPLES, Math.round(steady.length * WINDOW_FRACTION))
  return { early: steady.slice(0, size), late: steady.slice(-size) }
}

function steadyGrowth ({ early, late }: SteadyWindows, metric: Metric): number | null {
  return growth(floor(early, metric), floor(late, metric))
}

export function soakTable (raw: SoakRaw): Table {
  const windows = steadyWindows(raw)
  const { early, late } = windows
  const peak = (metric: Metric) => Math.max(...raw.during.map((sample) => sample[metric]))
  const row = (phase: string, value: (metric: Metric) => string) => [phase, ...METRICS.map(([metric]) => value(metric))]
  return {
    title: `${raw.path}, ${raw.connections} connections, ${raw.durationS} s: ${raw.requests} requests (${formatRate(raw.requests / raw.durationS)} req/s), ${raw.errors} errors`,
    columns: [left('when'), ...METRICS.map(([, name]) => right(name))],
    rows: [
      row('before the load (idle)', (metric) => formatMiB(raw.before[metric])),
      row(`early steady load (floor of ${early.length} s)`, (metric) => formatMiB(floor(early, metric))),
      row(`late steady load (floor of ${late.length} s)`, (metric) => formatMiB(floor(late, metric))),
      row('peak during the load', (metric) => formatMiB(peak(metric))),
      row('after the load (idle)', (metric) => formatMiB(raw.after[metric])),
      row('growth, early → late steady', (metric) => formatPercent(steadyGrowth(windows, metric))),
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
  const windows = steadyWindows(raw)
  const growths = METRICS.map(([metric, name]) => ({ name, value: steadyGrowth(windows, metric) }))
  const flagged = growths.filter(({ value }) => value === null || value > GROWTH_FLAG)
  const text = growths.map(({ name, value }) => `${name} ${value !== null && value >= 0 ? '+' : ''}${formatPercent(value)}`).join(', ')
  return {
    text: `soak ${raw.durationS} s: ${text} from early to late steady load ` +
      (flagged.length === 0 ? `(within ${formatPercent(GROWTH_FLAG)})` : `— ${flagged.map(({ name }) => name).join(' and ')} grew over ${formatPercent(GROWTH_FLAG)}: look for a leak`),
    passed: flagged.length === 0
  }
}

/** The memory chart, captioned with `verdict` (soakVerdict's). */
export function soakCharts (raw: SoakRaw, verdict: Verdict): Chart[] {
  const points = [{ ...raw.before, phase: 'before' }, ...raw.during.map((sample) => ({ ...sample, phase: 'during' })), { ...raw.after, phase: 'after' }]
  const values = points.flatMap((point) => METRICS.map(([metric, name]) => ({ atS: point.atS, memory: name, mib: point[metric] / MIB, phase: point.phase })))
  return [chart('Server memory during the soak', `${verdict.text}. A leak shows as a line that keeps climbing after the warm-up; a healthy server levels off.`, {
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'atS', type: 'quantitative', title: 'time since the load started (s)' },
      y: { field: 'mib', type: 'quantitative', title: 'memory (MiB)' },
      color: { field: 'memory', type: 'nominal', title: 'memory' },
      tooltip: [{ field: 'memory' }, { field: 'phase' }, { field: 'atS', format: '.0f', title: 's' }, { field: 'mib', format: '.1f', title: 'MiB' }]
    }
  })]
}
