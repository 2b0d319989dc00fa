// What the main thread and its watchdog thread tell each other.
import type { StackFrame } from './stall-report.js'

/** The running request as the main thread knows it; `watcher` is which app it belongs to. */
export interface RunningRequest {
  method: string
  url: string
  route: string
  id: string
  watcher: number
}

export interface StackSample {
  frames: StackFrame[]
  request: RunningRequest | null
  /** How long the interrupt took to run: large when the loop was inside a native call. */
  lateMs: number
}

/** Sent by the watchdog once a stall is over. */
export interface StallRecord {
  heldMs: number
  cpuMs: number
  samples: StackSample[]
}

export interface WatchdogData {
  shared: SharedArrayBuffer
  thresholdMs: number
  /** Directory file paths in frames are shown relative to. */
  root: string
}

/** Where the main thread keeps its sampling function: the evaluated expression can reach only globals. */
export const SAMPLE_FUNCTION = Symbol.for('event-loop-lab.stall-sample')
export const SAMPLE_EXPRESSION = "globalThis[Symbol.for('event-loop-lab.stall-sample')]?.()"
