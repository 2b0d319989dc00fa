// The timeout of an upstream call, measured in the upstream's time rather than in this loop's. A timer
// on a loop that was blocked (one /sync/delay may hold it for MAX_DELAY_MS) fires late, and Node runs
// expired timers *before* it reads the sockets: an answer that arrived in time would lose to its own
// timeout, and the upstream would be blamed for this server's stall. So a timer that fires late gives
// the call back the time the loop stole, and if the call still runs out of time, the error says the
// loop was blocked and for how long (LAB_ERR_LOOP_BLOCKED), not that the upstream was slow.
import { LoopBlockedError, UpstreamTimeoutError } from '../errors.js'

/** Lateness below this is ordinary timer jitter on a busy machine, not a blocked loop. */
const LATE_MS = 100
/** How many blocks a call is given its time back for: a loop blocked over and over cannot keep it alive for ever. */
const MAX_EXTENSIONS = 3

/** An AbortSignal that aborts `timeoutMs` of loop-free time after now, with the error that says why. */
export function upstreamDeadline (url: string, timeoutMs: number): { signal: AbortSignal, clear: () => void } {
  const controller = new AbortController()
  let blockedMs = 0
  let extensions = 0
  let timer: NodeJS.Timeout
  const arm = (ms: number): void => {
    const due = performance.now() + ms
    timer = setTimeout(() => {
      const lateMs = performance.now() - due
      if (lateMs > LATE_MS) blockedMs += lateMs
      if (lateMs > LATE_MS && extensions++ < MAX_EXTENSIONS) {
        arm(lateMs)
        return
      }
      controller.abort(blockedMs > 0 ? new LoopBlockedError(url, timeoutMs, Math.round(blockedMs)) : new UpstreamTimeoutError(url, timeoutMs))
    }, ms)
  }
  arm(timeoutMs)
  return { signal: controller.signal, clear: () => { clearTimeout(timer) } }
}
