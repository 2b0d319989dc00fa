// The memory the event loop and its watchdog share: the loop writes a heartbeat into it every
// HEARTBEAT_MS, and the length of each stall once it is over; the watchdog thread only reads it.
// Plain numbers in shared memory cost the loop one timer callback per beat and no message; its one
// syscall is the CPU-time read (getrusage, about 1 µs), 100 a second.

/** How often the loop beats; a stall's length is measured to within this. */
const HEARTBEAT_MS = 10

/** Slots of the shared BigInt64Array. */
export const BEAT = 0 // when the loop last beat, ms since the epoch; 0 = nobody watches
export const STALLS = 1 // how many stalls have ended
export const HELD_MS = 2 // how long the last one held the loop
export const CPU_MS = 3 // the CPU time the process used meanwhile
const SLOTS = 4

/** A process-wide monotonic clock in ms that both threads read alike. */
export function nowMs (): number {
  return performance.timeOrigin + performance.now()
}

export function sharedHeartbeat (): BigInt64Array {
  return new BigInt64Array(new SharedArrayBuffer(SLOTS * BigInt64Array.BYTES_PER_ELEMENT))
}

/**
 * Starts the loop's heartbeat. A beat that comes `thresholdMs` or more later than due ends a stall:
 * its length goes to HELD_MS and STALLS counts it, written before the beat itself, so a watchdog that
 * sees the fresh beat sees the count too. Returns the function that stops it.
 *
 * A late beat alone is not a held loop: on a busy machine an idle process waits for a core too. So the
 * length is the loop's *active* time since the last beat (event-loop utilisation: time not spent
 * waiting for events), and a beat that was late while the loop was idle is no stall. The process's
 * CPU time meanwhile goes with it: on an overloaded machine code that holds the loop also waits for a
 * core, and only the reader can tell how much of the stall was the machine. (All threads: Node 20 has
 * no per-thread clock.)
 */
export function startHeartbeat (shared: BigInt64Array, thresholdMs: number): () => void {
  let last = nowMs()
  let lastUtilization = performance.eventLoopUtilization()
  let lastCpu = process.cpuUsage()
  Atomics.store(shared, BEAT, BigInt(Math.round(last)))
  const timer = setInterval(() => {
    const now = nowMs()
    const utilization = performance.eventLoopUtilization()
    const lateMs = now - last - HEARTBEAT_MS
    const activeMs = performance.eventLoopUtilization(utilization, lastUtilization).active
    const cpu = process.cpuUsage()
    const cpuMs = (cpu.user + cpu.system - lastCpu.user - lastCpu.system) / 1000
    last = now
    lastUtilization = utilization
    lastCpu = cpu
    if (lateMs >= thresholdMs && activeMs >= thresholdMs) {
      Atomics.store(shared, HELD_MS, BigInt(Math.round(activeMs)))
      Atomics.store(shared, CPU_MS, BigInt(Math.round(cpuMs)))
      Atomics.add(shared, STALLS, 1n)
    }
    Atomics.store(shared, BEAT, BigInt(Math.round(now)))
  }, HEARTBEAT_MS)
  // The heartbeat watches the process; it must not keep it alive.
  timer.unref()
  return () => {
    clearInterval(timer)
    Atomics.store(shared, BEAT, 0n)
  }
}
