// The article's work queue and its two tasks, and the "run the tasks" loop of examples 2, 3 and 5.

/** Each item is one piece of work: a count of steps (examples 1–4) or a download of that many units (5–8). */
export const WORK = [15, 10, 5, 2] as const

export const TASK_NAMES = ['One', 'Two'] as const

/** A fresh queue for one run; tasks take work from the front with `shift()`, like `queue.get()`. */
export function workQueue (): number[] {
  return [...WORK]
}

/** Units of waiting when one task at a time waits for each piece of work: the sum, 32. */
export const SERIAL_UNITS = WORK.reduce((sum, units) => sum + units, 0)

/**
 * Units of waiting when the two tasks wait at the same time: each takes the next piece as soon as
 * it is free (15 on One; 10, then 5 on Two; then 2 on whichever is free first): 17.
 */
export const CONCURRENT_UNITS = Math.max(...WORK.reduce((busyUntil, units) => {
  const free = busyUntil.indexOf(Math.min(...busyUntil))
  busyUntil[free] = (busyUntil[free] ?? 0) + units
  return busyUntil
}, TASK_NAMES.map(() => 0)))

/**
 * The article's scheduler: resume each generator in turn, one step each (`next(t)`), dropping the
 * ones that are done, until none is left. `yield` in a task is where it lets the other one run.
 */
export function runRoundRobin (tasks: Array<Generator<unknown, void>>): void {
  const running = [...tasks]
  while (running.length > 0) {
    for (const task of [...running]) {
      if (task.next().done === true) running.splice(running.indexOf(task), 1)
    }
  }
}
