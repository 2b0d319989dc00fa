import { expect, it } from 'vitest'
import { delayBlocking, delayNonBlocking, delayWithCallback } from '../../src/work/delay.js'
import type { WorkReport } from '../../src/work/report.js'
import { pause } from '../helpers/timing.js'

// A zero-delay timer is the cheapest witness of the event loop: it fires only when the loop turns.

it('the blocking wait holds the loop: a timer due at once fires only after it', async () => {
  let timerFiredAt: number | undefined
  setTimeout(() => { timerFiredAt = performance.now() }, 0)
  const report = delayBlocking(50)
  const returnedAt = performance.now()
  expect(timerFiredAt).toBeUndefined()
  await pause(5)
  expect(timerFiredAt).toBeGreaterThanOrEqual(returnedAt)
  expect(report).toMatchObject({ mode: 'sync', work: 'delay', ms: 50 })
  expect(report.elapsedMs).toBeGreaterThanOrEqual(50)
})

it('the non-blocking wait lets the loop run: a timer due at once fires during it', async () => {
  let timerFired = false
  setTimeout(() => { timerFired = true }, 0)
  const pending = delayNonBlocking(50)
  expect(timerFired).toBe(false)
  const report = await pending
  expect(timerFired).toBe(true)
  expect(report).toMatchObject({ mode: 'async', work: 'delay', ms: 50 })
  expect(report.elapsedMs).toBeGreaterThanOrEqual(49)
})

it('the callback form waits as long and reports the same shape', async () => {
  let timerFired = false
  setTimeout(() => { timerFired = true }, 0)
  const report = await new Promise<WorkReport>((resolve) => delayWithCallback(50, resolve))
  expect(timerFired).toBe(true)
  expect(report).toMatchObject({ mode: 'async', work: 'delay', ms: 50 })
  expect(report.elapsedMs).toBeGreaterThanOrEqual(49)
})

it('ms=0 yields to the loop once (setImmediate), not for a timer: both forms finish before a 1 ms timer armed first', async () => {
  const order: string[] = []
  const timer = new Promise<void>((resolve) => setTimeout(() => { order.push('timer'); resolve() }, 1))
  const awaited = delayNonBlocking(0).then(() => { order.push('promise') })
  const called = new Promise<void>((resolve) => { delayWithCallback(0, () => { order.push('callback'); resolve() }) })
  // It still yields: nothing has run yet when the call returns.
  expect(order).toEqual([])
  await Promise.all([timer, awaited, called])
  expect(order.indexOf('timer')).toBe(2)
})
