import { expect, it } from 'vitest'
import { stallMessage, type Stall } from '../../src/stalls/stall-report.js'

const request = { method: 'GET', url: '/sync/delay?ms=500', route: '/sync/delay', id: '7f3a' }
const own = { function: 'delayBlocking', location: 'src/work/delay.ts:10' }

it('says how long, which request, and the stack innermost first', () => {
  const stall: Stall = { at: '', heldMs: 512, cpuMs: 510, request, frames: [{ function: 'busyWait', location: 'src/work/busy-wait.ts:7' }, own], sampleLateMs: 1 }
  expect(stallMessage(stall)).toBe('event loop blocked 512 ms by GET /sync/delay?ms=500 (req 7f3a) ' +
    'at busyWait (src/work/busy-wait.ts:7) ← delayBlocking (src/work/delay.ts:10)')
})

it('shows frames down to the first of the project\'s own code', () => {
  const internal = (name: string) => ({ function: name, location: `node:fs:${name.length}` })
  const frames = [internal('a'), internal('bb'), internal('ccc'), internal('dddd'), own, { function: 'caller', location: 'routes/x.ts:1' }]
  const message = stallMessage({ at: '', heldMs: 200, cpuMs: 200, request, frames, sampleLateMs: 0 })
  expect(message).toContain('← delayBlocking (src/work/delay.ts:10)')
  expect(message).not.toContain('caller')
})

it('says when no request was running, when the stack came late, and when there was none', () => {
  expect(stallMessage({ at: '', heldMs: 150, cpuMs: 150, request: null, frames: [own], sampleLateMs: 300 }))
    .toMatch(/by no request .* at delayBlocking .*\(stack read 300 ms late: .*native call/)
  expect(stallMessage({ at: '', heldMs: 150, cpuMs: 150, request, frames: [], sampleLateMs: null })).toContain('stack not read')
})

it('leaves Node internals on top of the stack out of the message', () => {
  const frames = [{ function: 'get performance', location: 'node:internal/util:645' }, { function: 'busyWait', location: 'src/work/busy-wait.ts:7' }, own]
  expect(stallMessage({ at: '', heldMs: 512, cpuMs: 510, request, frames, sampleLateMs: 1 }))
    .toContain(' at busyWait (src/work/busy-wait.ts:7) ← delayBlocking (src/work/delay.ts:10)')
})

it('leaves out a builtin that Node\'s internals called, keeps one the project\'s code called', () => {
  // As sampled on Node 24: the interrupt landed inside performance.now's argument check.
  const insideNow = [
    { function: 'Performance.hasOwnProperty', location: '<anonymous>' },
    { function: '<anonymous>', location: 'node:internal/validators:548' },
    { function: 'wrappedFn', location: 'node:internal/errors:540' },
    { function: 'Performance.now', location: 'node:internal/perf/performance:138' },
    { function: 'busyWait', location: 'src/work/busy-wait.ts:7' }, own
  ]
  expect(stallMessage({ at: '', heldMs: 512, cpuMs: 510, request, frames: insideNow, sampleLateMs: 1 }))
    .toContain(' at busyWait (src/work/busy-wait.ts:7) ← delayBlocking (src/work/delay.ts:10)')
  const regex = [{ function: 'RegExp.test', location: '<anonymous>' }, { function: 'matchBacktracking', location: 'src/work/blockers/regex.ts:12' }]
  expect(stallMessage({ at: '', heldMs: 512, cpuMs: 510, request, frames: regex, sampleLateMs: 1 }))
    .toContain(' at RegExp.test (<anonymous>) ← matchBacktracking (src/work/blockers/regex.ts:12)')
  const onlyNode = [{ function: 'a', location: 'node:internal/x:1' }, { function: 'b', location: 'node:internal/y:2' }]
  expect(stallMessage({ at: '', heldMs: 512, cpuMs: 510, request, frames: onlyNode, sampleLateMs: 1 })).toContain(' at a (node:internal/x:1) ← b')
})

it('says when the process had the CPU for less than half the stall', () => {
  expect(stallMessage({ at: '', heldMs: 400, cpuMs: 100, request, frames: [own], sampleLateMs: 1 }))
    .toMatch(/CPU for only 100 ms of it: the machine is overloaded/)
  expect(stallMessage({ at: '', heldMs: 400, cpuMs: 390, request, frames: [own], sampleLateMs: 1 })).not.toContain('overloaded')
})
