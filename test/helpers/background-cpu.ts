// How much CPU *other* processes used while a test measured, for claims that need a second core.
// On a shared machine Linux splits the CPU between sessions (autogroups), not threads: while other
// sessions keep both cores busy, a pool of two threads gets no more CPU than one thread does, and a
// throughput comparison says nothing. So the test measures the background during its own run.
import { readFileSync } from 'node:fs'
import { cpus } from 'node:os'

// Linux reports a process's CPU time in clock ticks of 1/100 s (USER_HZ) in /proc/<pid>/stat.
const MS_PER_TICK = 10

export interface CpuSnapshot {
  /** Busy CPU time of the whole machine, all cores, in ms. */
  machineBusyMs: number
  /** CPU time of the processes under test (the given pids and this one), in ms; undefined off Linux. */
  ownMs: number | undefined
  at: number
}

function processCpuMs (pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces, hence the last ')'): utime is the 12th, stime the 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(')').at(-1)?.trim().split(' ') ?? []
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK
  } catch {
    return undefined
  }
}

export function cpuSnapshot (pids: number[]): CpuSnapshot {
  let machineBusyMs = 0
  for (const { times } of cpus()) machineBusyMs += times.user + times.nice + times.sys + times.irq
  const children = pids.map(processCpuMs)
  const self = process.cpuUsage()
  const ownMs = children.some((ms) => ms === undefined)
    ? undefined
    : children.reduce((sum: number, ms) => sum + (ms ?? 0), (self.user + self.system) / 1000)
  return { machineBusyMs, ownMs, at: performance.now() }
}

/** Cores other processes kept busy on average between two snapshots (0 when it cannot be known). */
export function backgroundCores (before: CpuSnapshot, after: CpuSnapshot): number {
  if (before.ownMs === undefined || after.ownMs === undefined) return 0
  const othersMs = (after.machineBusyMs - before.machineBusyMs) - (after.ownMs - before.ownMs)
  return Math.max(0, othersMs / (after.at - before.at))
}
