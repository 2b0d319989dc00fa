// The request ceiling, shared out before the first request: the serial phases, the victim's samples
// and the drain polls are bounded by count, and what is left goes to the suspect, the same share per step.
import { PROBE_INTERVAL_MS } from '../core/route-run.js'
import { UsageError } from '../core/options.js'

/** Polls of the victim while waiting for the server to recover before a step. */
export const DRAIN_POLLS_PER_STEP = 100

export interface RequestBudget {
  suspectPerStep: number
  victimPerStep: number
}

/** What the plan reads of the options (options.ts checks it while parsing, so it cannot import them). */
export interface BudgetInputs {
  steps: number[]
  stepDurationS: number
  serialRequests: number
  maxRequests: number
}

export function planRequests (options: BudgetInputs): RequestBudget {
  const victimPerStep = Math.ceil((options.stepDurationS * 1000) / PROBE_INTERVAL_MS) + 1
  const reserved = 2 * options.serialRequests + options.steps.length * (victimPerStep + DRAIN_POLLS_PER_STEP)
  const suspectPerStep = Math.floor((options.maxRequests - reserved) / options.steps.length)
  // autocannon needs at least one request per connection.
  const needed = Math.max(...options.steps)
  if (suspectPerStep < needed) {
    const least = reserved + needed * options.steps.length
    throw new UsageError(`--max-requests ${options.maxRequests} is too small for these steps and durations: they need at least ${least}`)
  }
  return { suspectPerStep, victimPerStep }
}
