// A chart as the reports take it: a vega-lite specification with its data inline, a title, and a
// caption saying what to see. Shared by every scenario so all charts have the same size and schema.
import type { TopLevelSpec } from 'vega-lite'
import type { Chart } from './scenario.js'

const WIDTH = 520
const HEIGHT = 260

export function vegaChart (title: string, caption: string, spec: TopLevelSpec): Chart {
  return { title, caption, spec: { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title, width: WIDTH, height: HEIGHT, ...spec } as Record<string, unknown> }
}

/**
 * Where bars start on a log scale (which has no zero): the power of ten at or below the smallest
 * value, so every bar has a visible length.
 */
export function logBaseline (values: number[]): number {
  return 10 ** Math.floor(Math.log10(Math.min(...values.filter((value) => value > 0), 1)))
}
