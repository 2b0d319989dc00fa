// De-duplicating a request's items: an innocent-looking `includes` inside a loop is O(n²), a Set is
// O(n). Both keep the first occurrence of each item, in order. The remedy is the algorithm: moving an
// O(n²) loop to a worker would only hide it, and n grows with whatever the client sends.
import { reportBlocker, type BlockerReport } from './report.js'
import type { CostModel } from './calibration.js'

/** n items with n/2 distinct values (ids as a client might send them, with repeats). */
export function generateItems (n: number): number[] {
  const distinct = Math.max(1, Math.ceil(n / 2))
  return Array.from({ length: n }, (_, index) => (index * 7919) % distinct)
}

/** O(n²): for each item, a scan of everything kept so far. */
export function dedupeWithIncludes (items: number[]): number[] {
  const kept: number[] = []
  for (const item of items) {
    if (!kept.includes(item)) kept.push(item)
  }
  return kept
}

/** O(n): a Set remembers what was seen; insertion order is first-occurrence order. */
export function dedupeWithSet (items: number[]): number[] {
  return [...new Set(items)]
}

function answer (kept: number[], n: number): string {
  return `${kept.length} distinct of ${n}, first ${kept[0]}, last ${kept.at(-1)}`
}

export function dedupeQuadratic (n: number, model: CostModel): BlockerReport {
  const items = generateItems(n)
  return reportBlocker({ work: 'dedupe', variant: 'quadratic', mode: 'sync', size: n, estimatedMs: model.estimateMs(n) },
    () => answer(dedupeWithIncludes(items), n))
}

export function dedupeLinear (n: number, model: CostModel): BlockerReport {
  const items = generateItems(n)
  return reportBlocker({ work: 'dedupe', variant: 'set', mode: 'sync', size: n, estimatedMs: model.estimateMs(n) },
    () => answer(dedupeWithSet(items), n))
}
