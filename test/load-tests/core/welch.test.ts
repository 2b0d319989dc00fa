import { describe, expect, it } from 'vitest'
import { studentTwoSidedP, welchTest } from '../../../load-tests/core/welch.js'

describe("Welch's t-test", () => {
  it('agrees with published values: Student t tables and the textbook example', () => {
    expect(studentTwoSidedP(2.228, 10)).toBeCloseTo(0.05, 3)
    expect(studentTwoSidedP(1, 1)).toBeCloseTo(0.5, 6)
    expect(studentTwoSidedP(0, 7)).toBeCloseTo(1, 6)
    // Wikipedia, "Welch's t-test", example A1/A2... here the first pair of samples: t 2.46, df 24.99, p 0.021.
    const a = [27.5, 21, 19, 23.6, 17, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19, 21.7, 21.4]
    const b = [27.1, 22, 20.8, 23.4, 23.4, 23.5, 25.8, 22, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4]
    const test = welchTest(a, b)
    expect(test?.t).toBeCloseTo(2.46, 2)
    expect(test?.df).toBeCloseTo(24.99, 2)
    expect(test?.p).toBeCloseTo(0.021, 3)
  })

  it('the same sample twice is no difference at all; a sign flip of B − A flips t, not p', () => {
    expect(welchTest([1, 2, 3], [1, 2, 3])?.p).toBeCloseTo(1, 9)
    const up = welchTest([10, 11, 12, 13], [20, 21, 19, 22])
    const down = welchTest([20, 21, 19, 22], [10, 11, 12, 13])
    expect(up?.t).toBeCloseTo(-(down?.t ?? 0), 9)
    expect(up?.p).toBeCloseTo(down?.p ?? -1, 12)
    expect(up?.p).toBeLessThan(0.001)
  })

  it('two constant samples: equal is p 1, different is p 0; fewer than two values: no test', () => {
    expect(welchTest([20, 20, 20], [20, 20])?.p).toBe(1)
    expect(welchTest([20, 20, 20], [19, 19])?.p).toBe(0)
    expect(welchTest([1], [1, 2])).toBeNull()
  })
})
