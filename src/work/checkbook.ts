// The threading parent who overdraws the account, on one thread. A withdrawal reads the balance,
// goes to the shop (simulated IO: an await), then writes the balance it read minus what it spent.
// Across that await other withdrawals run: each starts from the same stale balance, so the last
// write wins and the others are lost, while the money has really been paid out. The safe mode is
// the same errand inside a mutex: one withdrawal at a time, from read to write.
import { setTimeout as sleep } from 'node:timers/promises'
import { Type, type Static } from '@sinclair/typebox'
import { InsufficientFundsError } from '../errors.js'
import { BoundedLock, MAX_LOCK_WAITERS } from './bounded-lock.js'

export const WithdrawalSchema = Type.Object({
  safe: Type.Boolean({ description: 'Whether the withdrawal ran inside the mutex.' }),
  amount: Type.Integer(),
  balanceSeen: Type.Integer({ description: 'The balance this withdrawal read before its IO.' }),
  balanceAfter: Type.Integer({ description: 'The balance it wrote: balanceSeen − amount.' }),
  erasedUpdates: Type.Integer({ description: 'Writes by other withdrawals, made during this one\'s IO, that this write overwrote.' })
})

export const LedgerSchema = Type.Object({
  openingBalance: Type.Integer({ description: 'The balance set by the last reset.' }),
  balance: Type.Integer({ description: 'What the checkbook says now.' }),
  paidOut: Type.Integer({ description: 'What the withdrawals really took since the reset.' }),
  expectedBalance: Type.Integer({ description: 'openingBalance − paidOut: what the checkbook should say.' }),
  withdrawals: Type.Integer({ description: 'Withdrawals paid out since the reset.' }),
  refused: Type.Integer({ description: 'Withdrawals refused because the balance they read was too low.' }),
  lostUpdates: Type.Integer({ description: 'Paid withdrawals whose write was overwritten: they are missing from the balance.' }),
  overdrawnBy: Type.Integer({ description: 'How much more was paid out than the account ever held (0 when it was not).' })
})

export type Withdrawal = Static<typeof WithdrawalSchema>
export type Ledger = Static<typeof LedgerSchema>

export class Checkbook {
  #opening = 0
  #balance = 0
  #paidOut = 0
  #withdrawals = 0
  #refused = 0
  // How many withdrawals the current balance reflects: each write reflects those its read did, plus
  // itself. Withdrawals paid but not reflected are the lost updates.
  #reflected = 0
  #writes = 0
  readonly #mutex = new BoundedLock('the checkbook', MAX_LOCK_WAITERS)

  constructor (openingBalance: number) {
    this.reset(openingBalance)
  }

  reset (balance: number): Ledger {
    this.#opening = balance
    this.#balance = balance
    this.#paidOut = 0
    this.#withdrawals = 0
    this.#refused = 0
    this.#reflected = 0
    this.#writes = 0
    return this.ledger()
  }

  /**
   * The one place the two modes differ: whether the read-IO-write errand holds the mutex. `signal`
   * (the client left) ends a wait for the mutex; an errand once started runs to its write, as money
   * paid out must be written down.
   */
  async withdraw (amount: number, ioMs: number, safe: boolean, signal?: AbortSignal): Promise<Withdrawal> {
    const errand = async (): Promise<Withdrawal> => ({ safe, ...await this.#readSpendWrite(amount, ioMs) })
    return safe ? await this.#mutex.runExclusive(errand, signal) : await errand()
  }

  async #readSpendWrite (amount: number, ioMs: number): Promise<Omit<Withdrawal, 'safe'>> {
    const balanceSeen = this.#balance
    const reflectedSeen = this.#reflected
    const writesSeen = this.#writes
    if (amount > balanceSeen) {
      this.#refused++
      throw new InsufficientFundsError(balanceSeen, amount)
    }
    this.#paidOut += amount
    this.#withdrawals++
    await sleep(ioMs)
    this.#balance = balanceSeen - amount
    this.#reflected = reflectedSeen + 1
    this.#writes++
    return { amount, balanceSeen, balanceAfter: this.#balance, erasedUpdates: this.#writes - 1 - writesSeen }
  }

  ledger (): Ledger {
    return {
      openingBalance: this.#opening,
      balance: this.#balance,
      paidOut: this.#paidOut,
      expectedBalance: this.#opening - this.#paidOut,
      withdrawals: this.#withdrawals,
      refused: this.#refused,
      lostUpdates: this.#writes - this.#reflected,
      overdrawnBy: Math.max(0, this.#paidOut - this.#opening)
    }
  }
}
