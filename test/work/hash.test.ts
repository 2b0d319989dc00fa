import { expect, it } from 'vitest'
import { hashIterationsPerMs, maxHashIterations } from '../../src/work/hash.js'

it('measures how many iterations this machine hashes per millisecond, once', () => {
  const measured = hashIterationsPerMs()
  expect(measured).toBeGreaterThan(0)
  expect(Number.isFinite(measured)).toBe(true)
  expect(hashIterationsPerMs()).toBe(measured)
})

it('bounds iterations by MAX_DELAY_MS of CPU, rounded down to two significant digits, at least 1', () => {
  for (const maxDelayMs of [0, 1, 10, 100, 10000, 600000]) {
    const maximum = maxHashIterations(maxDelayMs)
    expect(maximum).toBeGreaterThanOrEqual(1)
    expect(maximum).toBeLessThanOrEqual(Math.max(1, maxDelayMs * hashIterationsPerMs()))
    if (maximum >= 100) expect(String(maximum)).toMatch(/^\d\d0*$/)
  }
  expect(maxHashIterations(0)).toBe(1)
  expect(maxHashIterations(10000)).toBeGreaterThan(maxHashIterations(100))
})
