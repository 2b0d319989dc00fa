// The victim, measured from outside the server: GET /health every 100 ms, one at a time, each round
// trip timed. One at a time so a stalled server costs one long round trip, not a pile of queued ones
// that the browser's six connections per host would delay on their own.
const INTERVAL_MS = 100
const TIMEOUT_MS = 60_000

export function pingHealth (onSample: (sentAt: number, roundTripMs: number | null) => void): void {
  // ping never rejects: every failure is a sample without a round trip.
  const pingSoon = (): void => { ping().catch(() => {}) }
  const ping = async (): Promise<void> => {
    const started = performance.now()
    const sentAt = Date.now() / 1000
    let roundTripMs: number | null = null
    try {
      const response = await fetch('/health', { cache: 'no-store', signal: AbortSignal.timeout(TIMEOUT_MS) })
      await response.arrayBuffer()
      if (response.ok) roundTripMs = performance.now() - started
    } catch {
      // Unanswered: the chart shows a gap; the silence note says why.
    }
    onSample(sentAt, roundTripMs)
    setTimeout(pingSoon, Math.max(0, INTERVAL_MS - (performance.now() - started)))
  }
  pingSoon()
}
