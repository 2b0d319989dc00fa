// How big an input may be so that even the blocking variant stays within MAX_DELAY_MS: each blocker
// times its blocking variant once at start-up on a small input, and a cost model (exponential,
// quadratic or linear in the size) extrapolates. The fastest of a few runs is the machine's own
// speed; a busier machine is slower (measured here: 4 times slower with 13 runnable threads on 2
// cores), so the bound keeps a factor of SAFETY in hand, and more for exponential growth, where an
// error of one in the size doubles the time. The tests run the largest size allowed and check that
// the time really stays under MAX_DELAY_MS.
export const SAFETY = 8
export const EXPONENTIAL_SAFETY = 16
const RUNS = 3

/** The fastest of RUNS timed calls of `run`, after one warm-up call, in ms (at least 0.001). */
export function fastestMs (run: () => void): number {
  run()
  let fastest = Infinity
  for (let i = 0; i < RUNS; i++) {
    const startedAt = performance.now()
    run()
    fastest = Math.min(fastest, performance.now() - startedAt)
  }
  return Math.max(fastest, 0.001)
}

export type Growth = 'linear' | 'quadratic' | 'exponential'

/** The cost of a blocking variant as a function of its size, from one measured point. */
export interface CostModel {
  growth: Growth
  /** The estimated ms at `size`. */
  estimateMs: (size: number) => number
  /** The largest size whose estimate is at most `ms` (at least 1). */
  sizeForMs: (ms: number) => number
}

/**
 * A model through one measured point. For exponential growth `base` is the factor per unit of size:
 * 2 in theory for the regex, more in practice (V8 moves a regex from its interpreter to native code
 * after a while, and larger inputs fall out of the caches), so exponentialModel measures it.
 */
export function costModel (growth: Growth, measuredSize: number, measuredMs: number, base = 2): CostModel {
  const estimateMs = (size: number): number => {
    if (growth === 'exponential') return measuredMs * base ** (size - measuredSize)
    const ratio = size / measuredSize
    return measuredMs * (growth === 'quadratic' ? ratio * ratio : ratio)
  }
  const sizeForMs = (ms: number): number => {
    const ratio = Math.max(ms, 0) / measuredMs
    const size = growth === 'exponential'
      ? measuredSize + Math.log(ratio) / Math.log(base)
      : measuredSize * (growth === 'quadratic' ? Math.sqrt(ratio) : ratio)
    return Math.max(1, Math.floor(size))
  }
  return { growth, estimateMs, sizeForMs }
}

/** An exponential model through two measured points (the growth per unit measured, never below 2). */
export function exponentialModel (smallSize: number, smallMs: number, largeSize: number, largeMs: number): CostModel {
  const base = Math.max(2, (largeMs / smallMs) ** (1 / (largeSize - smallSize)))
  return costModel('exponential', largeSize, largeMs, base)
}

/** The largest size allowed: its estimate is within MAX_DELAY_MS / SAFETY (16 if exponential), and never above `cap`. */
export function maximumSize (model: CostModel, maxDelayMs: number, cap: number): number {
  return Math.min(cap, model.sizeForMs(maxDelayMs / (model.growth === 'exponential' ? EXPONENTIAL_SAFETY : SAFETY)))
}
