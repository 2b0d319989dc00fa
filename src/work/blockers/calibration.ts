// How big an input may be so that even the blocking variant stays within MAX_DELAY_MS: each blocker
// times its blocking variant once at start-up on a small input, and a cost model (exponential,
// quadratic or linear in the size) extrapolates. The fastest of a few runs is the machine's own
// speed; a busier machine is slower, so the bound keeps a factor of SAFETY in hand, and the tests
// run the largest size allowed and check the time really stays under MAX_DELAY_MS.
export const SAFETY = 4
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

export function costModel (growth: Growth, measuredSize: number, measuredMs: number): CostModel {
  const estimateMs = (size: number): number => {
    if (growth === 'exponential') return measuredMs * 2 ** (size - measuredSize)
    const ratio = size / measuredSize
    return measuredMs * (growth === 'quadratic' ? ratio * ratio : ratio)
  }
  const sizeForMs = (ms: number): number => {
    const ratio = Math.max(ms, 0) / measuredMs
    const size = growth === 'exponential'
      ? measuredSize + Math.log2(ratio)
      : measuredSize * (growth === 'quadratic' ? Math.sqrt(ratio) : ratio)
    return Math.max(1, Math.floor(size))
  }
  return { growth, estimateMs, sizeForMs }
}

/** The largest size allowed: its estimate is within MAX_DELAY_MS / SAFETY, and never above `cap`. */
export function maximumSize (model: CostModel, maxDelayMs: number, cap: number): number {
  return Math.min(cap, model.sizeForMs(maxDelayMs / SAFETY))
}
