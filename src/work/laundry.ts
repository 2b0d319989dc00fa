// The washer and the dryer: two locks, and requests that need both. A run takes its first machine,
// does that load (simulated IO with the lock held), then takes the second. Two runs that take them
// in opposite orders can each hold one machine and wait for the other forever: a deadlock, on one
// thread, with no CPU busy. A lock timeout breaks it: the run that gives up looks at who holds
// what, names the cycle, and releases its machine so the other run can finish. `ordered` takes the
// machines in the one global order (MACHINES), the rule that makes such a cycle impossible.
import type { MutexInterface } from 'async-mutex'
import { Type, type Static } from '@sinclair/typebox'
import { StringEnum } from '../schemas/answer-types.js'
import { DeadlockError, LockTimeoutError } from '../errors.js'
import { sleepUnlessAborted } from '../client-gone.js'
import { BoundedLock } from './bounded-lock.js'
import { roundMs } from './report.js'

/** The global lock order: every `ordered` run takes the washer before the dryer. */
const MACHINES = ['washer', 'dryer'] as const
export type Machine = typeof MACHINES[number]

export const LaundryOrderSchema = StringEnum(['washer-first', 'dryer-first', 'ordered'], {
  description: 'Which machine to take first; `ordered` follows the global order (washer, then dryer).'
})
export type LaundryOrder = Static<typeof LaundryOrderSchema>

export const LaundryReportSchema = Type.Object({
  order: LaundryOrderSchema,
  machines: Type.Array(Type.String(), { description: 'The machines in the order this run took them.' }),
  holdMs: Type.Integer({ description: 'How long each load ran with its machine locked.' }),
  waitedMs: Type.Object({ washer: Type.Number(), dryer: Type.Number() }, { description: 'How long this run waited for each machine.' }),
  elapsedMs: Type.Number()
})
export type LaundryReport = Static<typeof LaundryReportSchema>

interface Run {
  id: string
  holds: Set<Machine>
  waitsFor?: Machine
}

interface MachineLock {
  mutex: BoundedLock
  holder?: Run
  release?: MutexInterface.Releaser
}

const SEQUENCES: Record<LaundryOrder, readonly Machine[]> = {
  'washer-first': ['washer', 'dryer'],
  'dryer-first': ['dryer', 'washer'],
  ordered: MACHINES
}

export interface LaundryRequest {
  id: string
  order: LaundryOrder
  holdMs: number
  lockTimeoutMs: number
  signal?: AbortSignal
}

export class Laundry {
  readonly #locks: Record<Machine, MachineLock>

  constructor (maxWaiters: number) {
    this.#locks = { washer: { mutex: new BoundedLock('the washer', maxWaiters) }, dryer: { mutex: new BoundedLock('the dryer', maxWaiters) } }
  }

  async run ({ id, order, holdMs, lockTimeoutMs, signal }: LaundryRequest): Promise<LaundryReport> {
    const startedAt = performance.now()
    const run: Run = { id, holds: new Set() }
    const waitedMs = { washer: 0, dryer: 0 }
    try {
      for (const machine of SEQUENCES[order]) {
        const waitStart = performance.now()
        await this.#acquire(run, machine, lockTimeoutMs, signal)
        waitedMs[machine] = roundMs(performance.now() - waitStart)
        await sleepUnlessAborted(holdMs, signal)
      }
      return { order, machines: [...SEQUENCES[order]], holdMs, waitedMs, elapsedMs: roundMs(performance.now() - startedAt) }
    } finally {
      for (const machine of run.holds) this.#release(run, machine)
    }
  }

  async #acquire (run: Run, machine: Machine, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    const lock = this.#locks[machine]
    run.waitsFor = machine
    const timeout = AbortSignal.timeout(timeoutMs)
    try {
      const release = await lock.mutex.acquire(signal === undefined ? timeout : AbortSignal.any([timeout, signal]))
      lock.holder = run
      lock.release = release
      run.holds.add(machine)
    } catch (error) {
      // Gave up waiting: the lock timeout explains who holds what; a client that left, or a full
      // queue, is its own reason.
      throw timeout.aborted && signal?.aborted !== true ? this.#explainTimeout(run, machine) : error
    } finally {
      run.waitsFor = undefined
    }
  }

  #release (run: Run, machine: Machine): void {
    const lock = this.#locks[machine]
    const release = lock.release
    lock.holder = undefined
    lock.release = undefined
    run.holds.delete(machine)
    release?.()
  }

  /** Follows "waits for a machine held by a run that waits for…": back to `run` is a deadlock. */
  #explainTimeout (run: Run, machine: Machine): Error {
    const holder = this.#locks[machine].holder
    const holds = run.holds.size > 0 ? `holds ${[...run.holds].join(' and ')} and ` : ''
    if (holder === undefined) return new LockTimeoutError(`this request waits for ${machine}, which was just released`)
    const theirWait = holder.waitsFor
    const theirWaitHolder = theirWait === undefined ? undefined : this.#locks[theirWait].holder
    if (theirWait !== undefined && theirWaitHolder === run) {
      return new DeadlockError(`this request ${holds}waits for ${machine}, held by a request (${holder.id}) waiting for ${theirWait}`)
    }
    const doing = theirWait === undefined ? `running its ${[...holder.holds].join(' and ')} load` : `waiting for ${theirWait}`
    return new LockTimeoutError(`this request ${holds}waits for ${machine}, held by a request (${holder.id}) ${doing}; no cycle`)
  }
}
