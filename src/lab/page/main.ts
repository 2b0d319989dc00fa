// The lab page: the server's feed, this page's /health round trips, load runs and the article's
// timelines, wired together. Each piece is its own module; this one only connects them.
import './lab.css'
import { LiveChart, type Silence } from './charts.js'
import { watchFeed, type FeedEvent } from './feed-client.js'
import { pingHealth } from './health-ping.js'
import { setUpRuns } from './runs-client.js'
import { setUpTimeline } from './timeline.js'
import { RollingRate } from './rolling-rate.js'
import { worstWaitSince, type RoundTrip } from './worst-wait.js'

const element = (id: string): HTMLElement => {
  const found = document.getElementById(id)
  if (found === null) throw new Error(`#${id} is missing`)
  return found
}

const silences: Silence[] = []
const healthChart = new LiveChart(element('chart-health'), [{ label: '/health round trip (ms)', colorVar: '--victim' }], silences)
const loopChart = new LiveChart(element('chart-loop'), [
  { label: 'p50', colorVar: '--calm' },
  { label: 'p99', colorVar: '--warn' },
  { label: 'max', colorVar: '--victim' }
], silences)
const rpsChart = new LiveChart(element('chart-rps'), [
  { label: 'req/s (last second)', colorVar: '--calm' },
  { label: 'bound', colorVar: '--ink', dash: [6, 4] }
], silences)

const feedStatus = element('feed-status')
const worstElement = element('health-worst')
const rate = new RollingRate(1000)
/** Round trips by when they were sent (epoch seconds); the last ten minutes' worth at most. */
const roundTrips: RoundTrip[] = []
/** The worst round trip counts waiting from here on (epoch seconds; set when a run's load begins). */
let windowStart = 0

function worstSinceWindowStart (): number {
  return worstWaitSince(roundTrips, windowStart)
}

function showWorst (): void {
  const worst = Math.round(worstSinceWindowStart())
  worstElement.textContent = worst === 0 ? '–' : `${worst} ms`
  worstElement.dataset.worstMs = String(worst)
}

pingHealth((sentAt, roundTripMs) => {
  healthChart.push(sentAt, [roundTripMs])
  if (roundTripMs === null) return
  roundTrips.push({ sentAt, ms: roundTripMs })
  if (roundTrips.length > 6000) roundTrips.shift()
  showWorst()
})

function boundOf (run: NonNullable<FeedEvent['run']>): number | null {
  const ms = Number(new URLSearchParams(run.route.split('?')[1] ?? '').get('ms'))
  if (!(ms > 0)) return null
  return run.route.startsWith('/sync/') ? 1000 / ms : run.connections * 1000 / ms
}

function showRoutes (routes: FeedEvent['routes']): void {
  const rows = Object.entries(routes)
    .filter(([, traffic]) => traffic.reqPerSec > 0 || traffic.inFlight > 0)
    .map(([route, traffic]) => {
      const row = document.createElement('tr')
      for (const text of [route, traffic.reqPerSec.toFixed(0), String(traffic.inFlight)]) {
        const cell = document.createElement('td')
        cell.textContent = text
        row.append(cell)
      }
      return row
    })
  element('routes-table').querySelector('tbody')?.replaceChildren(...rows)
}

watchFeed(silences, {
  onEvent: (event) => {
    const t = event.t / 1000
    loopChart.push(t, [event.loop.p50Ms, event.loop.p99Ms, event.loop.maxMs])
    const route = event.run?.route.split('?')[0]
    const traffic = route === undefined ? undefined : event.routes[route]
    rate.add(event.t, (traffic?.reqPerSec ?? 0) * event.windowMs / 1000, event.windowMs)
    rpsChart.push(t, event.run === null ? [null, null] : [rate.perSecond(), boundOf(event.run)])
    showRoutes(event.routes)
    feedStatus.dataset.silent = 'false'
    feedStatus.textContent = `Server feed live: loop delay p99 ${event.loop.p99Ms ?? '–'} ms, busy ${(event.loop.utilization * 100).toFixed(0)} %.`
  },
  onSilent: (silentMs) => {
    feedStatus.dataset.silent = 'true'
    feedStatus.textContent = `No word from the server for ${(silentMs / 1000).toFixed(1)} s: its event loop is not getting to its timers.`
  },
  onBack: (silence, silentMs) => {
    const item = document.createElement('li')
    item.dataset.silentMs = String(Math.round(silentMs))
    item.textContent = `${new Date(silence.from * 1000).toLocaleTimeString()}: no word from the server for ${(silentMs / 1000).toFixed(1)} s`
    element('silences').prepend(item)
    loopChart.push(silence.from, [null, null, null])
  }
})

setUpRuns({
  countFrom: (sentAt) => {
    windowStart = sentAt
    showWorst()
  },
  worstHealthMs: worstSinceWindowStart
})
setUpTimeline()

setInterval(() => { for (const chart of [healthChart, loopChart, rpsChart]) chart.draw() }, 250)
