// The victim, measured from outside the server: GET /health every 100 ms, one at a time, each round
// trip timed. One at a time so a stalled server costs one long round trip, not a pile of queued ones
// that the browser's six connections per host would delay on their own. The round trip is the
// browser's Resource Timing of the request (sent to last byte received), not the time until this
// page's script ran again: a page busy drawing would otherwise add its own delays to the server's.
const INTERVAL_MS = 100
const TIMEOUT_MS = 60_000

export function pingHealth (onSample: (sentAt: number, roundTripMs: number | null) => void): void {
  let count = 0
  // ping never rejects: every failure is a sample without a round trip.
  const pingSoon = (): void => { ping().catch(() => {}) }
  const ping = async (): Promise<void> => {
    const started = performance.now()
    const sentAt = Date.now() / 1000
    let roundTripMs: number | null = null
    try {
      const url = new URL(`/health?ping=${++count}`, location.href).href
      const response = await fetch(url, { cache: 'no-store', signal: AbortSignal.timeout(TIMEOUT_MS) })
      await response.arrayBuffer()
      if (response.ok) roundTripMs = networkTime(url) ?? performance.now() - started
    } catch {
      // Unanswered: the chart shows a gap; the silence note says why.
    }
    onSample(sentAt, roundTripMs)
    setTimeout(pingSoon, Math.max(0, INTERVAL_MS - (performance.now() - started)))
  }
  pingSoon()
}

/** The request's own timing, taken by the browser's network stack; its buffer is emptied each time. */
function networkTime (url: string): number | undefined {
  const entry = performance.getEntriesByName(url, 'resource').at(-1) as PerformanceResourceTiming | undefined
  performance.clearResourceTimings()
  return entry === undefined || entry.responseEnd === 0 ? undefined : entry.responseEnd - entry.startTime
}
