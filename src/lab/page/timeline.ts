// The article, drawn: GET /examples/:n returns a trace (each printed line with its time); here each
// `Task X running` becomes a bar on Task X's lane, lasting until that task's next line. Example 3
// draws one lane after the other (the sum of the work), example 4 both lanes at once (about half).
const SVG = 'http://www.w3.org/2000/svg'
const LANE_HEIGHT = 28
const LEFT = 90
const WIDTH = 800

interface ExampleRun { example: number, title: string, unitMs: number, elapsedMs: number, trace: Array<{ atMs: number, line: string }> }

interface Bar { lane: string, from: number, to: number }

function barsOf (run: ExampleRun): Bar[] {
  const bars: Bar[] = []
  const lines = run.trace.map((entry) => ({ ...entry, lane: /^Task (\S+)/.exec(entry.line)?.[1] }))
  lines.forEach((entry, index) => {
    if (entry.lane === undefined || !entry.line.endsWith(' running')) return
    const next = lines.slice(index + 1).find((later) => later.lane === entry.lane)
    bars.push({ lane: entry.lane, from: entry.atMs, to: Math.min(next?.atMs ?? run.elapsedMs, entry.atMs + run.unitMs) })
  })
  return bars
}

function svgElement<K extends keyof SVGElementTagNameMap> (name: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, name)
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value))
  return element
}

function draw (run: ExampleRun): SVGSVGElement {
  const bars = barsOf(run)
  const lanes = [...new Set(bars.map((bar) => bar.lane))]
  const height = lanes.length * LANE_HEIGHT + 30
  const x = (ms: number): number => LEFT + (ms / Math.max(run.elapsedMs, 1)) * (WIDTH - LEFT - 10)
  const svg = svgElement('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', class: 'timeline-svg' })
  const title = svgElement('title', {})
  title.textContent = `Example ${run.example}: ${lanes.join(' and ')} over ${Math.round(run.elapsedMs)} ms; ${bars.length} units of work`
  svg.append(title)
  lanes.forEach((lane, index) => {
    const label = svgElement('text', { x: 4, y: index * LANE_HEIGHT + 19, class: 'lane-label' })
    label.textContent = `Task ${lane}`
    svg.append(label)
    for (const bar of bars.filter((each) => each.lane === lane)) {
      svg.append(svgElement('rect', { x: x(bar.from), y: index * LANE_HEIGHT + 5, width: Math.max(1, x(bar.to) - x(bar.from) - 1), height: LANE_HEIGHT - 10, class: `bar lane-${index}` }))
    }
  })
  const axisY = lanes.length * LANE_HEIGHT + 20
  for (const fraction of [0, 0.25, 0.5, 0.75, 1]) {
    const tick = svgElement('text', { x: x(fraction * run.elapsedMs), y: axisY, class: 'axis-label', 'text-anchor': 'middle' })
    tick.textContent = `${Math.round(fraction * run.elapsedMs)} ms`
    svg.append(tick)
  }
  return svg
}

export function setUpTimeline (): void {
  const form = document.getElementById('example-form') as HTMLFormElement | null
  const select = document.getElementById('example-number') as HTMLSelectElement | null
  const target = document.getElementById('timeline')
  if (form === null || select === null || target === null) return
  const runAndDraw = async (): Promise<void> => {
    target.textContent = `Running example ${select.value}…`
    const response = await fetch(`/examples/${select.value}?unitMs=100`, { headers: { accept: 'application/json' } })
    const run = await response.json() as ExampleRun
    const caption = document.createElement('p')
    caption.textContent = `Example ${run.example}: ${run.title}. ${Math.round(run.elapsedMs)} ms in all, ${run.unitMs} ms per unit.`
    target.replaceChildren(caption, draw(run))
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    runAndDraw().catch((error: unknown) => { target.textContent = `Could not run it: ${(error as Error).message}` })
  })
}
