// Live charts with uPlot (made for streaming data): the last WINDOW_S seconds, scrolling with the
// clock even while no data comes, with the feed's silences shaded so a gap reads as a gap.
import UPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'

const WINDOW_S = 60
const HEIGHT = 200

/** A span of seconds (epoch) when the server said nothing; `to` undefined while it lasts. */
export interface Silence { from: number, to: number | undefined }

export interface SeriesSpec { label: string, colorVar: string, dash?: number[] }

const cssVar = (name: string): string => getComputedStyle(document.documentElement).getPropertyValue(name).trim()

export class LiveChart {
  readonly #plot: UPlot
  readonly #columns: Array<Array<number | null>>
  readonly #silences: Silence[]

  constructor (element: HTMLElement, series: SeriesSpec[], silences: Silence[]) {
    this.#silences = silences
    this.#columns = [[], ...series.map(() => [])]
    const axis = { stroke: cssVar('--ink'), grid: { stroke: cssVar('--grid') }, ticks: { stroke: cssVar('--grid') } }
    this.#plot = new UPlot({
      width: Math.max(240, element.clientWidth),
      height: HEIGHT,
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [axis, { ...axis, size: 60 }],
      series: [{}, ...series.map((spec) => ({ label: spec.label, stroke: cssVar(spec.colorVar), width: 2, dash: spec.dash, spanGaps: false }))],
      hooks: { draw: [(plot) => { this.#shadeSilences(plot) }] }
    }, this.#columns as UPlot.AlignedData, element)
    new ResizeObserver(() => { this.#plot.setSize({ width: Math.max(240, element.clientWidth), height: HEIGHT }) }).observe(element)
  }

  /** Adds a point at `t` (epoch seconds); null leaves a gap in that series. */
  push (t: number, values: Array<number | null>): void {
    const x = this.#columns[0] ?? []
    // uPlot needs x in order; a point older than the last (clocks of page and server differ) is dropped.
    if (t < (x[x.length - 1] ?? -Infinity)) return
    x.push(t)
    values.forEach((value, index) => { this.#columns[index + 1]?.push(value) })
  }

  /** Drops what scrolled out and draws up to now. */
  draw (): void {
    const now = Date.now() / 1000
    const x = this.#columns[0] ?? []
    let old = 0
    while (old < x.length && (x[old] ?? 0) < now - WINDOW_S) old++
    if (old > 0) for (const column of this.#columns) column.splice(0, old)
    this.#plot.batch(() => {
      this.#plot.setData(this.#columns as UPlot.AlignedData, false)
      this.#plot.setScale('x', { min: now - WINDOW_S, max: now })
    })
  }

  #shadeSilences (plot: UPlot): void {
    const { ctx, bbox } = plot
    ctx.save()
    ctx.fillStyle = cssVar('--silence')
    const now = Date.now() / 1000
    for (const silence of this.#silences) {
      const from = plot.valToPos(silence.from, 'x', true)
      const to = plot.valToPos(silence.to ?? now, 'x', true)
      if (to >= bbox.left) ctx.fillRect(Math.max(from, bbox.left), bbox.top, to - Math.max(from, bbox.left), bbox.height)
    }
    ctx.restore()
  }
}
