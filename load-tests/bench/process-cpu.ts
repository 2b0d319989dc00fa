// Two things the bench needs from Linux: pinning (the server on one core, autocannon on another, so
// they do not take turns on the same one) and a process's CPU time (user + system, all threads).
// CPU time per request is the steadier measure on a shared machine: other people's work lowers every
// target's req/s, but barely changes what one request costs the server.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'

function run (command: string, args: string[]): string | null {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim()
  } catch {
    return null
  }
}

/** The cores to pin to, server first then client, or null when taskset or a second core is missing. */
export function pinningCores (): { server: number, client: number } | null {
  if (availableParallelism() < 2 || run('taskset', ['-c', '0', 'true']) === null) return null
  return { server: 0, client: 1 }
}

/** Pins every thread of process `pid` to `core`; false when it could not. */
export function pinProcess (pid: number, core: number): boolean {
  return run('taskset', ['-a', '-p', '-c', String(core), String(pid)]) !== null
}

const clockTicksPerSecond = Number(run('getconf', ['CLK_TCK']) ?? 100) || 100

/** CPU seconds (user + system) process `pid` has used so far; null where /proc is not readable. */
export function cpuSeconds (pid: number): number | null {
  try {
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond
  } catch {
    return null
  }
}
