import { describe, expect, it } from 'vitest'
import { costModel, exponentialModel, maximumSize, SAFETY } from '../../../src/work/blockers/calibration.js'

describe.each(['linear', 'quadratic', 'exponential'] as const)('a %s cost model', (growth) => {
  const model = costModel(growth, 10, 5)

  it('estimates the measured point as measured, and more for larger sizes', () => {
    expect(model.estimateMs(10)).toBeCloseTo(5)
    expect(model.estimateMs(20)).toBeGreaterThan(model.estimateMs(19))
  })

  it('sizeForMs is the largest size whose estimate fits', () => {
    for (const ms of [5, 50, 500, 5000]) {
      const size = model.sizeForMs(ms)
      expect(model.estimateMs(size)).toBeLessThanOrEqual(ms * 1.000001)
      expect(model.estimateMs(size + 1)).toBeGreaterThan(ms)
    }
  })

  it(`maximumSize keeps the estimate within MAX_DELAY_MS / ${SAFETY} (twice that for exponential growth), and under the cap`, () => {
    const safety = growth === 'exponential' ? 2 * SAFETY : SAFETY
    expect(model.estimateMs(maximumSize(model, 1000, 1e9))).toBeLessThanOrEqual(1000 / safety * 1.000001)
    expect(model.estimateMs(maximumSize(model, 1000, 1e9) + 1)).toBeGreaterThan(1000 / safety)
    expect(maximumSize(model, 1000, 11)).toBeLessThanOrEqual(11)
    expect(maximumSize(model, 0, 1e9)).toBe(1)
  })
})

it('an exponential model through two points grows by the measured factor, never less than 2', () => {
  const steep = exponentialModel(16, 1, 20, 81) // 3 per unit
  expect(steep.estimateMs(22)).toBeCloseTo(81 * 9)
  expect(steep.sizeForMs(81 * 27)).toBe(23)
  const flat = exponentialModel(16, 1, 20, 4) // measured 1.41 per unit: assumed 2
  expect(flat.estimateMs(21)).toBeCloseTo(8)
})
