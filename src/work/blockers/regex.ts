// A regular expression that backtracks catastrophically, and a rewrite that matches the same strings
// in linear time. Both check "words separated by single spaces", a typical input validator.
// The vulnerable one nests quantifiers, (\w+\s?)*: a run of n word characters can be split between
// the inner + and the outer * in 2^n ways, and when the input fails at its last character V8's
// backtracking engine tries them all. The rewrite gives every character one way to be matched.
import { reportBlocker, type BlockerReport } from './report.js'
import type { CostModel } from './calibration.js'

const WORDS_BACKTRACKING = /^(\w+\s?)*$/
const WORDS_LINEAR = /^(?:\w+(?:\s\w+)*\s?)?$/

/** The input that makes the vulnerable pattern try every split: n word characters, then one that fails. */
export function craftedInput (n: number): string {
  return `${'a'.repeat(n)}!`
}

export function matchBacktracking (input: string): boolean {
  return WORDS_BACKTRACKING.test(input)
}

export function matchLinear (input: string): boolean {
  return WORDS_LINEAR.test(input)
}

function answer (matched: boolean): string {
  return matched ? 'matches' : 'does not match'
}

/** Blocking, for 2^n steps: the event loop runs nothing else until the engine gives up. */
export function regexBacktracking (n: number, model: CostModel): BlockerReport {
  const input = craftedInput(n)
  return reportBlocker({ work: 'regex', variant: 'backtracking', mode: 'sync', size: n, estimatedMs: model.estimateMs(n) },
    () => answer(matchBacktracking(input)))
}

/** The remedy is the pattern, not concurrency: the same answer on the loop, in n steps. */
export function regexLinear (n: number, model: CostModel): BlockerReport {
  const input = craftedInput(n)
  return reportBlocker({ work: 'regex', variant: 'linear', mode: 'sync', size: n, estimatedMs: model.estimateMs(n) },
    () => answer(matchLinear(input)))
}
