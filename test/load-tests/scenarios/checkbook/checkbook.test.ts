// The checkbook scenario end to end with tiny settings, against the built server it starts itself.
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_OPTIONS } from '../../../../load-tests/core/options.js'
import type { LoadResults } from '../../../../load-tests/core/results-schema.js'
import { runLoadTest } from '../../../../load-tests/engine/run-load-test.js'
import { SCENARIOS } from '../../../../load-tests/scenarios/index.js'
import type { CheckbookRun } from '../../../../load-tests/scenarios/checkbook/checkbook.js'
import { skipWithoutChromium } from '../../../helpers/chromium.js'
import { expectEveryChartDrawn } from '../../../helpers/report-in-browser.js'

let results: LoadResults
let unsafe: CheckbookRun
let safe: CheckbookRun
beforeAll(async () => {
  results = await runLoadTest({ ...DEFAULT_OPTIONS, scenarios: ['checkbook'], ms: 30, connections: 10 }, SCENARIOS)
  const [first, second] = (results.scenarios[0]?.raw as { runs: CheckbookRun[] }).runs
  if (first === undefined || second === undefined) throw new Error('checkbook: a run is missing')
  unsafe = first
  safe = second
}, 60_000)

it('unsafe: all 10 withdrawals of 10 are paid from an account of 50, and updates are lost', () => {
  expect(unsafe.mode).toBe('unsafe')
  expect(unsafe.statuses).toEqual({ 200: 10 })
  expect(unsafe.ledger).toMatchObject({ openingBalance: 50, paidOut: 100, expectedBalance: -50, overdrawnBy: 50 })
  expect(unsafe.ledger.lostUpdates).toBeGreaterThan(0)
  expect(unsafe.ledger.balance).toBeGreaterThan(unsafe.ledger.expectedBalance)
})

it('safe: 5 paid, 5 refused, the checkbook exact and never negative', () => {
  expect(safe.mode).toBe('safe')
  expect(safe.statuses).toEqual({ 200: 5, 409: 5 })
  expect(safe.ledger).toMatchObject({ balance: 0, expectedBalance: 0, paidOut: 50, lostUpdates: 0, overdrawnBy: 0, refused: 5 })
  expect(safe.boundMs).toBe(5 * 30)
})

it('the verdicts say so and pass', () => {
  const verdicts = results.scenarios[0]?.verdicts ?? []
  expect(verdicts[0]?.text).toMatch(/^checkbook: unsafe, 10 concurrent withdrawals lost \d+ updates \(the checkbook says \d+, it should say -50: overdrawn by 50\); safe, none lost \(0 = 0\)/)
  expect(verdicts.map((verdict) => verdict.passed)).toEqual([true, true, true])
  expect(results.scenarios[0]?.tables[0]?.rows.map((row) => row[0])).toEqual(['unsafe', 'safe'])
})

describe.skipIf(skipWithoutChromium('report.html browser test'))('report.html', () => {
  it('draws the scenario\'s charts in headless Chromium', async () => {
    expect(results.scenarios[0]?.charts).toHaveLength(2)
    await expectEveryChartDrawn(results)
  }, 30_000)
})
