// The server's feed (GET /lab/stream) as the page hears it. An event is due every 200 ms; when none
// came for SILENCE_MS the server's loop is not getting to its timers, and the page says so.
import type { Silence } from './charts.js'

const SILENCE_MS = 600
const CHECK_MS = 100

export interface FeedEvent {
  t: number
  windowMs: number
  loop: { p50Ms: number | null, p99Ms: number | null, maxMs: number, utilization: number }
  routes: Record<string, { reqPerSec: number, inFlight: number }>
  run: { id: string, route: string, connections: number, durationS: number, elapsedS: number, progress: string } | null
}

export interface FeedHandlers {
  onEvent: (event: FeedEvent) => void
  /** Called every CHECK_MS while the feed is silent, with how long it has been. */
  onSilent: (silentMs: number) => void
  /** The feed spoke again after a silence of `silentMs`. */
  onBack: (silence: Silence, silentMs: number) => void
}

export function watchFeed (silences: Silence[], handlers: FeedHandlers): void {
  const source = new EventSource('/lab/stream')
  let lastHeard: number | undefined
  let current: Silence | undefined
  source.onmessage = (message: MessageEvent<string>) => {
    const now = performance.now()
    if (current !== undefined && lastHeard !== undefined) {
      current.to = Date.now() / 1000
      handlers.onBack(current, now - lastHeard)
      current = undefined
    }
    lastHeard = now
    handlers.onEvent(JSON.parse(message.data) as FeedEvent)
  }
  setInterval(() => {
    if (lastHeard === undefined) return
    const silentMs = performance.now() - lastHeard
    if (silentMs < SILENCE_MS) return
    if (current === undefined) {
      current = { from: Date.now() / 1000 - silentMs / 1000, to: undefined }
      silences.push(current)
    }
    handlers.onSilent(silentMs)
  }, CHECK_MS)
}
