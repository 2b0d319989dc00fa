// The article's examples 1–4: two tasks share a queue of counts and count up to each, one step at a
// time. What changes from one to the next is only how a step lets the other task run, and how it waits.
import { setTimeout as sleep } from 'node:timers/promises'
import { busyWait } from '../work/busy-wait.js'
import { runRoundRobin, TASK_NAMES, workQueue } from './work-queue.js'
import type { Trace } from './trace.js'

/** Example 1: plain functions, run one after the other. Task One empties the queue; Two finds nothing. */
export function runSynchronous (trace: Trace): void {
  const queue = workQueue()
  const task = (name: string): void => {
    if (queue.length === 0) {
      trace.print(`Task ${name} nothing to do`)
      return
    }
    for (let count = queue.shift(); count !== undefined; count = queue.shift()) {
      let total = 0
      for (let step = 0; step < count; step += 1) {
        trace.print(`Task ${name} running`)
        total += 1
      }
      trace.print(`Task ${name} total: ${total}`)
    }
  }
  for (const name of TASK_NAMES) task(name)
}

/**
 * Examples 2 and 3: a generator per task; `yield` hands control back to the scheduler after every
 * step. Example 3 also waits `unitMs` per step, blocking (the article's `time.sleep(1)`).
 */
function * countingTask (name: string, queue: number[], trace: Trace, blockingWaitMs?: number): Generator<undefined, void> {
  for (let count = queue.shift(); count !== undefined; count = queue.shift()) {
    const startedAt = performance.now()
    let total = 0
    for (let step = 0; step < count; step += 1) {
      trace.print(`Task ${name} running`)
      if (blockingWaitMs !== undefined) busyWait(blockingWaitMs)
      total += 1
      yield
    }
    trace.print(`Task ${name} total: ${total}`)
    if (blockingWaitMs !== undefined) trace.printTaskElapsed(name, startedAt)
  }
}

/** Example 2: the tasks take turns, one step each; no waiting at all. */
export function runGenerators (trace: Trace): void {
  const queue = workQueue()
  runRoundRobin(TASK_NAMES.map((name) => countingTask(name, queue, trace)))
}

/** Example 3: the tasks take turns, but every step blocks the thread: the waits add up. */
export function runGeneratorsBlocking (trace: Trace, unitMs: number): void {
  const queue = workQueue()
  runRoundRobin(TASK_NAMES.map((name) => countingTask(name, queue, trace, unitMs)))
  trace.printTotalElapsed()
}

/**
 * Example 4 (gevent's spawn and joinall): async functions started together, each step awaiting a
 * timer. While one task waits, the other runs; the waits overlap.
 */
export async function runAsyncTimers (trace: Trace, unitMs: number): Promise<void> {
  const queue = workQueue()
  const task = async (name: string): Promise<void> => {
    for (let count = queue.shift(); count !== undefined; count = queue.shift()) {
      const startedAt = performance.now()
      let total = 0
      for (let step = 0; step < count; step += 1) {
        trace.print(`Task ${name} running`)
        await sleep(unitMs)
        total += 1
      }
      trace.print(`Task ${name} total: ${total}`)
      trace.printTaskElapsed(name, startedAt)
    }
  }
  await Promise.all(TASK_NAMES.map(task))
  trace.printTotalElapsed()
}
