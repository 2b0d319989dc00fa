// The chart helpers every scenario draws with: a vega-lite specification with its data inline, in the
// reports' one size, and grouped bars of milliseconds on a log scale.
import type { TopLevelSpec } from 'vega-lite'
import type { Chart } from './scenario.js'

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

export interface PercentileBar {
  /** The series (a route, a server). */
  series: string
  percentile: string
  ms: number
}

/** Grouped bars, one group per percentile and one bar per series, on a log scale. */
export function percentileBars (title: string, caption: string, bars: PercentileBar[],
  axes: { y: string, color: { field: string, type: 'nominal', title: string, scale: { domain: string[] } } }): Chart {
  const values = bars.map((bar) => ({ [axes.color.field]: bar.series, percentile: bar.percentile, ms: Math.max(bar.ms, 0.1) }))
  return chart(title, caption, {
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'percentile', type: 'ordinal', title: 'percentile', sort: [...new Set(bars.map((bar) => bar.percentile))], axis: { labelAngle: 0 } },
      xOffset: { field: axes.color.field, type: 'nominal', sort: null },
      y: { field: 'ms', type: 'quantitative', title: `${axes.y} (ms, log scale)`, scale: { type: 'log' } },
      y2: { datum: logBaseline(values.map((value) => value.ms)) },
      color: axes.color,
      tooltip: [{ field: axes.color.field }, { field: 'percentile' }, { field: 'ms', format: '.1f', title: 'ms' }]
    }
  })
}
