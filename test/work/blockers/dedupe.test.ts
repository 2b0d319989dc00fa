import { expect, it } from 'vitest'
import { dedupeWithIncludes, dedupeWithSet, generateItems } from '../../../src/work/blockers/dedupe.js'

it('generates n items with n/2 distinct values', () => {
  const items = generateItems(1000)
  expect(items).toHaveLength(1000)
  expect(new Set(items).size).toBe(500)
})

it('the quadratic loop and the Set keep the same items, in first-occurrence order', () => {
  for (const n of [1, 2, 3, 10, 999]) {
    const items = generateItems(n)
    const kept = dedupeWithIncludes(items)
    expect(dedupeWithSet(items)).toEqual(kept)
    expect(kept).toEqual(items.filter((item, index) => items.indexOf(item) === index))
  }
})
