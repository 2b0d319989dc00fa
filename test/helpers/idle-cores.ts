// How much CPU other processes leave free, for tests whose claim needs a second core. On a shared
// machine Linux splits the CPU between sessions (autogroups), not threads: while other sessions
// keep both cores busy, a pool of two threads gets no more CPU than one thread does.
import { cpus } from 'node:os'
import { pause } from './timing.js'

function idleAndTotal (): { idle: number, total: number } {
  let idle = 0
  let total = 0
  for (const { times } of cpus()) {
    idle += times.idle
    total += times.user + times.nice + times.sys + times.idle + times.irq
  }
  return { idle, total }
}

/** Idle cores (0 to the core count) averaged over the next `sampleMs`. */
export async function idleCores (sampleMs = 500): Promise<number> {
  const before = idleAndTotal()
  await pause(sampleMs)
  const after = idleAndTotal()
  const total = after.total - before.total
  return total === 0 ? 0 : (after.idle - before.idle) / total * cpus().length
}

/** Waits, at most `timeoutMs`, until at least `cores` are idle; returns the last measure either way. */
export async function waitForIdleCores (cores: number, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs
  let idle = await idleCores()
  while (idle < cores && performance.now() < deadline) idle = await idleCores()
  return idle
}
