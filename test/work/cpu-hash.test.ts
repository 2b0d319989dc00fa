import { describe, expect, it } from 'vitest'
import { hashChain, hashChainInSlices, hexDigest, measureRoundsPerMs } from '../../src/work/cpu-hash.js'
import { timed } from '../helpers/timing.js'

function runSlices (rounds: number, sliceRounds: number): { hash: number, yields: number } {
  const slices = hashChainInSlices(rounds, sliceRounds)
  let yields = 0
  for (let step = slices.next(); ; step = slices.next()) {
    if (step.done === true) return { hash: step.value, yields }
    yields++
  }
}

describe('the hash chain', () => {
  it('is deterministic and depends on every round', () => {
    expect(hashChain(1000)).toBe(hashChain(1000))
    expect(hashChain(1000)).not.toBe(hashChain(1001))
    expect(hexDigest(hashChain(1000))).toMatch(/^[0-9a-f]{8}$/)
  })

  it.each([
    [0, 10], [1, 10], [10, 10], [11, 10], [1000, 7], [1000, 1000], [1000, 5000]
  ])('%i rounds in slices of %i: the same digest as in one go, one yield between slices', (rounds, sliceRounds) => {
    const { hash, yields } = runSlices(rounds, sliceRounds)
    expect(hash).toBe(hashChain(rounds))
    expect(yields).toBe(Math.max(0, Math.ceil(rounds / sliceRounds) - 1))
  })
})

describe('measureRoundsPerMs', () => {
  it('takes a few tens of ms, and the rate it measures makes `ms` about that long', async () => {
    const { value: roundsPerMs, ms: calibrationMs } = await timed(async () => measureRoundsPerMs())
    expect(calibrationMs).toBeLessThan(500)
    expect(roundsPerMs).toBeGreaterThan(0)
    // Wide margins: other processes share the cores, and can only make the work take longer.
    const { ms } = await timed(async () => hashChain(Math.round(50 * roundsPerMs)))
    expect(ms).toBeGreaterThan(50 / 3)
    expect(ms).toBeLessThan(50 * 10)
  })
})
