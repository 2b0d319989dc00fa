import { describe, expect, it } from 'vitest'
import { craftedInput, matchBacktracking, matchLinear } from '../../../src/work/blockers/regex.js'

/** Every string of length 0 to `length` over `alphabet`: the rewrite must agree on all of them. */
function allStrings (alphabet: string[], length: number): string[] {
  if (length === 0) return ['']
  const shorter = allStrings(alphabet, length - 1)
  return [...shorter, ...shorter.filter((text) => text.length === length - 1).flatMap((text) => alphabet.map((char) => text + char))]
}

describe('the linear rewrite matches exactly the strings the backtracking pattern matches', () => {
  const strings = allStrings(['a', 'B', '_', '7', ' ', '  ', '!', '\t'], 5)

  it(`agrees on all ${strings.length} short strings over word characters, spaces and others`, () => {
    const disagreements = strings.filter((text) => matchBacktracking(text) !== matchLinear(text))
    expect(disagreements).toEqual([])
    expect(strings.filter((text) => matchLinear(text)).length).toBeGreaterThan(100)
  })

  it('rejects the crafted input, as the backtracking pattern does', () => {
    expect(matchLinear(craftedInput(30))).toBe(false)
    expect(matchBacktracking(craftedInput(8))).toBe(false)
    expect(matchLinear('words with single spaces')).toBe(true)
  })
})

it('the backtracking time grows exponentially: four characters more cost far more than four times as long', () => {
  const timeOf = (n: number): number => {
    const input = craftedInput(n)
    let fastest = Infinity
    for (let run = 0; run < 3; run++) {
      const startedAt = performance.now()
      matchBacktracking(input)
      fastest = Math.min(fastest, performance.now() - startedAt)
    }
    return fastest
  }
  // 2^4 = 16 times in theory; 4 times is what a linear or quadratic cost could never reach from +4 of 16.
  expect(timeOf(20) / timeOf(16)).toBeGreaterThan(4)
  const linearStartedAt = performance.now()
  matchLinear(craftedInput(20))
  expect(performance.now() - linearStartedAt).toBeLessThan(timeOf(16))
})
