// The shared checkbook under load: K concurrent withdrawals (K = --connections, each with --ms of
// IO between its read and its write) against an account that holds half of what they ask, once
// without and once with the mutex. Unsafe, the checkbook ends up saying what the last writer read;
// safe, it says exactly what is left, and the withdrawals took their turns.
import { LedgerSchema, type Ledger } from '../../../src/work/checkbook.js'
import { chart, valueLabels } from '../../report/charts.js'
import { formatMs, formatRate } from '../../core/format.js'
import { JsonClient } from '../../engine/json-client.js'
import { withHeadline } from '../../core/pair-verdicts.js'
import { left, right, type Chart, type Scenario, type ScenarioContext, type Table, type Verdict } from '../../core/scenario.js'

const AMOUNT = 10

export interface CheckbookRun {
  mode: 'unsafe' | 'safe'
  sent: number
  /** Answers by HTTP status: 200 paid, 409 refused (insufficient funds), anything else an error. */
  statuses: Record<string, number>
  elapsedMs: number
  /** The least the run can take: one IO wait unsafe (all at once), one per paid withdrawal safe. */
  boundMs: number
  ledger: Ledger
}

async function runMode (client: JsonClient, safe: boolean, withdrawals: number, ioMs: number): Promise<CheckbookRun> {
  await client.post('/checkbook/reset', { balance: AMOUNT * Math.ceil(withdrawals / 2) }, LedgerSchema)
  const started = performance.now()
  // Sent raw: a refusal (409) is one of the outcomes counted, not a failure.
  const answers = await Promise.all(Array.from({ length: withdrawals }, () => client.send('POST', '/checkbook/withdraw', { amount: AMOUNT, ioMs, safe })))
  const elapsedMs = performance.now() - started
  const ledger = await client.get('/checkbook', LedgerSchema)
  const statuses: Record<string, number> = {}
  for (const { status } of answers) statuses[status] = (statuses[status] ?? 0) + 1
  return { mode: safe ? 'safe' : 'unsafe', sent: withdrawals, statuses, elapsedMs, boundMs: safe ? ledger.withdrawals * ioMs : ioMs, ledger }
}

function table (runs: CheckbookRun[], ioMs: number): Table {
  return {
    title: `${runs[0]?.sent ?? 0} concurrent withdrawals of ${AMOUNT}, ${ioMs} ms of IO each, from an account of ${runs[0]?.ledger.openingBalance ?? 0}`,
    columns: [left('mode'), right('paid'), right('refused'), right('errors'), right('paid out'), right('checkbook says'), right('should say'),
      right('lost updates'), right('overdrawn by'), right('took'), right('least possible'), right('withdrawals/s')],
    rows: runs.map((run) => {
      const errors = run.sent - (run.statuses['200'] ?? 0) - (run.statuses['409'] ?? 0)
      return [run.mode, String(run.statuses['200'] ?? 0), String(run.statuses['409'] ?? 0), String(errors), String(run.ledger.paidOut),
        String(run.ledger.balance), String(run.ledger.expectedBalance), String(run.ledger.lostUpdates), String(run.ledger.overdrawnBy),
        formatMs(run.elapsedMs), formatMs(run.boundMs), formatRate((run.sent * 1000) / run.elapsedMs)]
    }),
    notes: [
      'should say = opening balance − paid out; lost updates = paid withdrawals whose write a later write erased (GET /checkbook).',
      `least possible: unsafe, all at once in one IO wait (${ioMs} ms); safe, one paid withdrawal after another (paid × ${ioMs} ms).`
    ]
  }
}

function charts (runs: CheckbookRun[]): Chart[] {
  const [unsafe, safe] = runs
  const balances = runs.flatMap((run) => [
    { mode: run.mode, series: 'checkbook says', amount: run.ledger.balance },
    { mode: run.mode, series: 'should say', amount: run.ledger.expectedBalance }
  ])
  const withdrawals = runs.flatMap((run) => [
    { mode: run.mode, outcome: 'paid and recorded', count: run.ledger.withdrawals - run.ledger.lostUpdates },
    { mode: run.mode, outcome: 'paid, update lost', count: run.ledger.lostUpdates },
    { mode: run.mode, outcome: 'refused', count: run.ledger.refused }
  ])
  const grouped = { x: { field: 'mode', type: 'nominal' as const, title: 'mode', sort: ['unsafe', 'safe'], axis: { labelAngle: 0 } } }
  return [
    chart('What the checkbook says against what it should say',
      `Unsafe, the checkbook says ${unsafe?.ledger.balance ?? '–'} where it should say ${unsafe?.ledger.expectedBalance ?? '–'}; safe, the two bars are equal (${safe?.ledger.balance ?? '–'}).`, {
        data: { values: balances },
        encoding: {
          ...grouped,
          xOffset: { field: 'series', type: 'nominal', sort: ['checkbook says', 'should say'] },
          y: { field: 'amount', type: 'quantitative', title: 'balance (money units)' },
          color: { field: 'series', type: 'nominal', title: 'series', sort: ['checkbook says', 'should say'] },
          tooltip: [{ field: 'mode' }, { field: 'series' }, { field: 'amount' }]
        },
        // A label on every bar, so that a balance of 0 (no bar at all) still reads as 0.
        layer: [{ mark: 'bar' }, valueLabels('amount')]
      }),
    chart('What became of each withdrawal',
      `Unsafe, ${unsafe?.ledger.lostUpdates ?? '–'} of ${unsafe?.ledger.withdrawals ?? '–'} paid withdrawals are missing from the checkbook and none was refused; safe, none is missing and the ones the balance could not cover were refused.`, {
        data: { values: withdrawals },
        mark: 'bar',
        encoding: {
          ...grouped,
          y: { field: 'count', type: 'quantitative', title: 'withdrawals', stack: 'zero' },
          color: { field: 'outcome', type: 'nominal', title: 'outcome', sort: ['paid and recorded', 'paid, update lost', 'refused'] },
          tooltip: [{ field: 'mode' }, { field: 'outcome' }, { field: 'count' }]
        }
      })
  ]
}

function verdicts (unsafe: CheckbookRun, safe: CheckbookRun): Verdict[] {
  const exact = safe.ledger.balance === safe.ledger.expectedBalance && safe.ledger.lostUpdates === 0 && safe.ledger.balance >= 0
  const lost = unsafe.sent < 2 || unsafe.ledger.lostUpdates > 0
  const checks: Verdict[] = [
    { text: `safe: the checkbook says ${safe.ledger.balance}, exactly what is left, and never went below 0`, passed: exact },
    { text: `unsafe: ${unsafe.ledger.lostUpdates} lost updates among ${unsafe.ledger.withdrawals} concurrent withdrawals (at least one expected)`, passed: lost }
  ]
  const headline = `checkbook: unsafe, ${unsafe.sent} concurrent withdrawals lost ${unsafe.ledger.lostUpdates} updates (the checkbook says ${unsafe.ledger.balance}, ` +
    `it should say ${unsafe.ledger.expectedBalance}: overdrawn by ${unsafe.ledger.overdrawnBy}); safe, none lost (${safe.ledger.balance} = ${safe.ledger.expectedBalance}), ` +
    `in ${formatMs(safe.elapsedMs)} instead of ${formatMs(unsafe.elapsedMs)}`
  return withHeadline(headline, checks)
}

export const checkbookScenario: Scenario = {
  name: 'checkbook',
  summary: '--connections concurrent withdrawals with --ms of IO between read and write, without and with a mutex: expected vs actual balance',
  runsByDefault: false,
  requires: ['/checkbook/reset', '/checkbook/withdraw', '/checkbook'],
  run: async (ctx: ScenarioContext) => {
    const { connections: withdrawals, ms: ioMs } = ctx.options
    const client = new JsonClient(ctx.url)
    try {
      ctx.progress(`unsafe: ${withdrawals} concurrent withdrawals`)
      const unsafe = await runMode(client, false, withdrawals, ioMs)
      ctx.progress(`safe: ${withdrawals} concurrent withdrawals, one at a time inside the mutex`)
      const safe = await runMode(client, true, withdrawals, ioMs)
      return {
        title: 'checkbook: lost updates across an await, and the mutex that prevents them',
        tables: [table([unsafe, safe], ioMs)],
        verdicts: verdicts(unsafe, safe),
        charts: charts([unsafe, safe]),
        raw: { amount: AMOUNT, ioMs, runs: [unsafe, safe] }
      }
    } finally {
      client.close()
    }
  }
}
