// The chart helpers every scenario draws with: a vega-lite specification with its data inline, in the
// reports' one size, value labels on bars, and grouped bars of milliseconds on a log scale.
import type { TopLevelSpec } from 'vega-lite'
import { formatMs } from '../core/format.js'
import type { Chart } from '../core/scenario.js'

const WIDTH = 520
const HEIGHT = 260

export function chart (title: string, caption: string, spec: TopLevelSpec): Chart {
  return { title, caption, spec: { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title, width: WIDTH, height: HEIGHT, ...spec } as Record<string, unknown> }
}

/**
 * Where bars start on a log scale (which has no zero): the power of ten at or below the smallest
 * value, so every bar has a visible length.
 */
export function logBaseline (values: number[]): number {
  return 10 ** Math.floor(Math.log10(Math.min(...values.filter((value) => value > 0), 1)))
}

/**
 * Each bar's value printed above it, from `field` (already formatted): what a bar is worth even where
 * it has no visible length, such as a 0 on a linear scale or the smallest bars on a log scale.
 */
export function valueLabels (field: string) {
  return { mark: { type: 'text' as const, dy: -6, fontSize: 9 }, encoding: { text: { field } } }
}

export interface PercentileBar {
  /** The group on the x axis (a percentile, a strategy). */
  group: string
  /** The bar within its group, and its colour (a route, a server). */
  series: string
  ms: number
}

export interface PercentileBarAxes {
  /** The x axis (default: percentile): the groups' field in the data and tooltips, and its title. */
  group?: { field: string, title: string, labelAngle?: number }
  /** What the bars measure, e.g. `latency`: the y axis reads `latency (ms, log scale)`. */
  y: string
  /** The series' field and title, every series in order, and their colours when not the default ones. */
  color: { field: string, type: 'nominal', title: string, scale: { domain: string[], range?: string[] } }
}

const PERCENTILE_GROUPS: NonNullable<PercentileBarAxes['group']> = { field: 'percentile', title: 'percentile' }
/** A log scale has no 0: a bar of 0 ms is drawn this high, and its label still reads 0 ms. */
const LEAST_BAR_MS = 0.1

/** Grouped bars of milliseconds on a log scale, one group per percentile (in the bars' order) and one labelled bar per series. */
export function percentileBars (title: string, caption: string, bars: PercentileBar[], axes: PercentileBarAxes): Chart {
  const { group = PERCENTILE_GROUPS, y, color } = axes
  const values = bars.map((bar) => ({ [group.field]: bar.group, [color.field]: bar.series, ms: Math.max(bar.ms, LEAST_BAR_MS), label: formatMs(bar.ms) }))
  return chart(title, caption, {
    data: { values },
    encoding: {
      x: { field: group.field, type: 'ordinal', title: group.title, sort: [...new Set(bars.map((bar) => bar.group))], axis: { labelAngle: group.labelAngle ?? 0 } },
      xOffset: { field: color.field, type: 'nominal', sort: color.scale.domain },
      y: { field: 'ms', type: 'quantitative', title: `${y} (ms, log scale)`, scale: { type: 'log' } },
      color,
      tooltip: [{ field: group.field }, { field: color.field }, { field: 'label', title: y }]
    },
    layer: [{ mark: 'bar', encoding: { y2: { datum: logBaseline(values.map((value) => value.ms)) } } }, valueLabels('label')]
  })
}
