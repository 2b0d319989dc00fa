// Load runs from the page: POST /lab/runs, follow its Location until the run is over, then show the
// result as `npm run load` judges it (req/s against the bound, the verdict) beside the worst /health
// round trip this page measured meanwhile.
const POLL_MS = 250

interface RunView {
  id: string
  state: 'running' | 'done' | 'failed'
  elapsedS: number
  progress: string
  request: { route: string, connections: number, durationS: number }
  result?: { run: { reqPerSec: number, bound: { reqPerSec: number, formula: string }, fractionOfBound: number, health: { p99Ms: number | null, maxMs: number | null } }, verdicts: Array<{ text: string, passed: boolean }> }
  error?: string
  message?: string
}

export interface RunHooks {
  /**
   * The worst /health round trip counts waiting from `sentAt` (epoch seconds) on: first the click,
   * then the last poll the server still answered `starting` — so the run process's own start-up (a
   * node process on a busy machine is not the server's doing) is left out, and a stall the page
   * learns of late is not: a check under way at `sentAt` counts with its wait from then.
   */
  countFrom: (sentAt: number) => void
  /** The worst /health round trip since countFrom, ms. */
  worstHealthMs: () => number
}

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id)
  if (element === null) throw new Error(`#${id} is missing`)
  return element as T
}

const round = (value: number): string => value >= 100 ? value.toFixed(0) : value.toFixed(1)

export function setUpRuns (hooks: RunHooks): void {
  const form = document.getElementById('run-form')
  if (form === null) return
  const status = byId('run-status')
  const result = byId('run-result')
  const buttons = [...form.querySelectorAll<HTMLButtonElement>('button[data-path]')]
  const value = (id: string): number => Number(byId<HTMLInputElement>(id).value)

  const start = async (button: HTMLButtonElement): Promise<void> => {
    if (!(form as HTMLFormElement).reportValidity()) return
    const body = { scenario: 'delay', route: `${button.dataset.path ?? ''}?ms=${value('run-ms')}`, connections: value('run-connections'), durationS: value('run-duration') }
    for (const each of buttons) each.disabled = true
    hooks.countFrom(Date.now() / 1000)
    result.dataset.state = 'running'
    result.dataset.route = body.route
    try {
      const response = await fetch('/lab/runs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      const started = await response.json() as RunView
      if (response.status !== 202) throw new Error(started.message ?? `answered ${response.status}`)
      const location = response.headers.get('location') ?? `/lab/runs/${started.id}`
      let run = started
      while (run.state === 'running') {
        status.textContent = `Run ${run.id}: ${body.route}, ${body.connections} connections, ${body.durationS} s · ${run.elapsedS.toFixed(1)} s · ${run.progress}`
        await new Promise((resolve) => setTimeout(resolve, POLL_MS))
        const sentAt = Date.now() / 1000
        run = await (await fetch(location, { cache: 'no-store' })).json() as RunView
        if (run.progress === 'starting') hooks.countFrom(sentAt)
      }
      show(run, body.route)
    } catch (error) {
      result.dataset.state = 'failed'
      status.textContent = `The run could not start: ${(error as Error).message}`
    } finally {
      for (const each of buttons) each.disabled = false
    }
  }

  const show = (run: RunView, route: string): void => {
    const worst = hooks.worstHealthMs()
    result.dataset.state = run.state
    result.dataset.route = route
    result.dataset.worstHealthMs = String(Math.round(worst))
    if (run.state !== 'done' || run.result === undefined) {
      status.textContent = `Run ${run.id} failed: ${run.error ?? 'no result'}`
      return
    }
    const { reqPerSec, bound, fractionOfBound, health } = run.result.run
    result.dataset.reqPerSec = String(reqPerSec)
    result.dataset.probeMaxMs = String(health.maxMs ?? '')
    status.textContent = `Run ${run.id} done: ${route}.`
    result.replaceChildren(
      paragraph(`${route}: ${round(reqPerSec)} req/s against a bound of ${round(bound.reqPerSec)} (${(fractionOfBound * 100).toFixed(1)} %; ${bound.formula}).`),
      paragraph(`Worst /health round trip this page saw meanwhile: ${round(worst)} ms; the load run's own /health probe: p99 ${round(health.p99Ms ?? NaN)} ms, max ${round(health.maxMs ?? NaN)} ms.`),
      ...run.result.verdicts.map((verdict) => paragraph(`${verdict.passed ? '✓' : '✗'} ${verdict.text}`))
    )
  }

  for (const button of buttons) button.addEventListener('click', () => { start(button).catch(() => {}) })
}

function paragraph (text: string): HTMLParagraphElement {
  const element = document.createElement('p')
  element.textContent = text
  return element
}
