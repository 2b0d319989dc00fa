// How long the page waited on /health during a run's load, from its round trips.

/** One /health check: when it was sent (epoch seconds) and how long its round trip took (ms). */
export interface RoundTrip { sentAt: number, ms: number }

/**
 * The longest wait on /health from `windowStart` (epoch seconds) on. A check sent before it counts
 * with the part of its wait after it: a check held through a whole blocking run is that run's stall,
 * even when the page learned late that the load had begun, while a check slowed before (by the run
 * process's own start-up) and answered by then counts for nothing.
 */
export function worstWaitSince (trips: readonly RoundTrip[], windowStart: number): number {
  // From the later of its sending and the window's start to its answer; negative if answered before.
  const waitedSince = (trip: RoundTrip): number => (trip.sentAt - Math.max(trip.sentAt, windowStart)) * 1000 + trip.ms
  return trips.reduce((worst, trip) => Math.max(worst, waitedSince(trip)), 0)
}
