// The washer and the dryer: two locks, and requests that need both. A run takes its first machine,
// does that load (simulated IO with the lock held), then takes the second. Two runs that take them
// in opposite orders can each hold one machine and wait for the other forever: a deadlock, on one
// thread, with no CPU busy. A lock timeout breaks it: the run that gives up looks at who holds
// what, names the cycle, and releases its machine so the other run can finish. `ordered` takes the
// machines in the one global order (MACHINES), the rule that makes such a cycle impossible.
import { setTimeout as sleep } from 'node:timers/promises'
import { Mutex, type MutexInterface } from 'async-mutex'
import { Type, type Static } from '@sinclair/typebox'
import { DeadlockError, LockTimeoutError } from '../errors.js'
import { roundMs } from './report.js'

/** The global lock order: every `ordered` run takes the washer before the dryer. */
const MACHINES = ['washer', 'dryer'] as const
export type Machine = typeof MACHINES[number]

export const LaundryOrderSchema = Type.Union([Type.Literal('washer-first'), Type.Literal('dryer-first'), Type.Literal('ordered')], {
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
  mutex: Mutex
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
  readonly #locks: Record<Machine, MachineLock> = { washer: { mutex: new Mutex() }, dryer: { mutex: new Mutex() } }

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
    const acquiring = lock.mutex.acquire()
    const controller = new AbortController()
    const gaveUp = sleep(timeoutMs, 'timeout' as const, { signal: AbortSignal.any([controller.signal, ...(signal ? [signal] : [])]) })
      .catch(() => 'aborted' as const)
    const outcome = await Promise.race([acquiring, gaveUp])
    controller.abort()
    if (typeof outcome === 'function') {
      run.waitsFor = undefined
      lock.holder = run
      lock.release = outcome
      run.holds.add(machine)
      return
    }
    // Gave up: the mutex still hands this run the lock when its turn comes; give it straight back.
    acquiring.then((release) => { release() }, () => {})
    const error = outcome === 'timeout' ? this.#explainTimeout(run, machine) : signal?.reason
    run.waitsFor = undefined
    throw error
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

async function sleepUnlessAborted (ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal })
  } catch (error) {
    // timers/promises rejects with a generic AbortError; the signal's reason says why.
    signal?.throwIfAborted()
    throw error
  }
}
