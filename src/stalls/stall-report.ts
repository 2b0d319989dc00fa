// What one stall is, as the log line, GET /stats and the load-test report show it: how long the loop
// was held, the request that was running, and the JavaScript stack that held it.
import { Type, type Static } from '@sinclair/typebox'
import { Nullable } from '../schemas/answer-types.js'

const StackFrameSchema = Type.Object({
  function: Type.String({ description: 'Function name as V8 reports it (`<anonymous>` when it has none).' }),
  location: Type.String({ description: '`file:line`, in TypeScript source positions when a source map says so; `node:fs:…` for Node internals.' })
})

const StalledRequestSchema = Type.Object({
  method: Type.String(),
  url: Type.String({ description: 'The URL as the client sent it, query included.' }),
  route: Type.String({ description: 'The route pattern it matched, e.g. `/sync/delay`.' }),
  id: Type.String({ description: 'The request id, as sent back in `x-request-id`.' })
})

export const StallSchema = Type.Object({
  at: Type.String({ description: 'When the stall ended (ISO 8601).' }),
  heldMs: Type.Integer({ description: 'How long the event loop was held, in ms (its active time between two heartbeats).' }),
  cpuMs: Type.Integer({
    description: 'CPU time the process used meanwhile, all threads: near heldMs (or above, with GC threads) when code held the loop; ' +
      'well below it when the machine was overloaded and the process waited for a core too.'
  }),
  request: Nullable(StalledRequestSchema, {
    description: 'The request whose code was running when the stack was read; null when none was (a timer, start-up work).'
  }),
  frames: Type.Array(StackFrameSchema, { description: 'The top of the JavaScript stack that held the loop, innermost first.' }),
  sampleLateMs: Nullable(Type.Integer(), {
    description: 'How long after it was asked for the stack was read: large when the loop sat in native code ' +
      '(JSON.parse, a *Sync call) that takes no interrupt, so the stack is where that call had just returned. Null: no stack read.'
  })
})

export type StackFrame = Static<typeof StackFrameSchema>
export type Stall = Static<typeof StallSchema>

const FRAMES_IN_MESSAGE = 3
const MAX_FRAMES_IN_MESSAGE = 6

/** The project's own code, not Node's or a dependency's: where a reader can change something. */
function isOwnCode (frame: StackFrame): boolean {
  return !frame.location.startsWith('node:') && !frame.location.includes('node_modules') && /:\d+$/.test(frame.location)
}

/** Where a stall was held, in one place: the first frame of the project's own code, else the top frame. */
export function culprit (frames: StackFrame[]): string | undefined {
  const frame = frames.find(isOwnCode) ?? frames[0]
  return frame === undefined ? undefined : `${frame.function} (${frame.location})`
}

/**
 * The top frames, and on down to the first frame of the project's own code when that is deeper.
 * Node's internals on top are left out of the message, with any builtin they called: the sample may
 * land in `Performance.hasOwnProperty (<anonymous>)` ← `node:internal/validators` ← `Performance.now`
 * above busyWait, which says nothing a reader can change. A builtin the project's code called itself
 * (`RegExp.test`, `JSON.stringify`) stays: it is what held the loop. The frames in the log line's
 * `stall` object keep them all.
 */
function framesToShow (frames: StackFrame[]): StackFrame[] {
  const ownIndex = frames.findIndex(isOwnCode)
  const above = ownIndex === -1 ? frames : frames.slice(0, ownIndex)
  const lastInternal = above.findLastIndex((frame) => frame.location.startsWith('node:internal/'))
  // A stack of nothing but Node's internals is shown as it is.
  const rest = frames.slice(lastInternal + 1)
  const shown = rest.length > 0 ? rest : frames
  const own = shown.findIndex(isOwnCode)
  return shown.slice(0, Math.min(MAX_FRAMES_IN_MESSAGE, Math.max(FRAMES_IN_MESSAGE, own + 1)))
}
// Above this, the stack was most likely read only when a long native call returned (see sampleLateMs):
// the interrupt itself takes under a millisecond, and the watchdog thread can wait tens of ms for a
// core on a loaded machine.
const LATE_SAMPLE_MS = 50

/** The log line's message, e.g. `event loop blocked 512 ms by GET /sync/delay?ms=500 (req 7f…) at busyWait (src/work/busy-wait.ts:9) ← …`. */
export function stallMessage (stall: Stall): string {
  const by = stall.request === null ? 'no request (a timer or start-up work)' : `${stall.request.method} ${stall.request.url} (req ${stall.request.id})`
  const frames = framesToShow(stall.frames).map((frame) => `${frame.function} (${frame.location})`).join(' ← ')
  const where = frames === '' ? 'stack not read: the loop was free again before the watchdog could read it' : `at ${frames}`
  const late = stall.sampleLateMs !== null && stall.sampleLateMs > LATE_SAMPLE_MS
    ? ` (stack read ${stall.sampleLateMs} ms late: until then the loop was most likely inside a native call, such as JSON.parse or a *Sync call, that returned just before this point)`
    : ''
  const overloaded = stall.cpuMs < stall.heldMs / 2
    ? ` (the process had the CPU for only ${stall.cpuMs} ms of it: the machine is overloaded too)`
    : ''
  return `event loop blocked ${stall.heldMs} ms by ${by} ${where}${late}${overloaded}`
}
