// Statistics of the small samples the harness takes itself: /health probe latencies, calibration
// requests, memory samples, job delivery times, and the latencies of a load run's own window (up to
// about 100 000: a sort each); and ratios of two measurements.

/** Nearest-rank percentile (p from 0 to 100) of `values`; null for an empty sample. */
export function percentile (values: number[], p: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null
}

/** a ÷ b, or null when b is zero or either is unknown (JSON has no Infinity). */
export function ratio (a: number | null, b: number | null): number | null {
  if (a === null || b === null || b === 0) return null
  return a / b
}
