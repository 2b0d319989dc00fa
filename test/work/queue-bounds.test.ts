import { expect, it } from 'vitest'
import { BoundedLock } from '../../src/work/bounded-lock.js'
import { InFlightLimit } from '../../src/work/in-flight-limit.js'
import { delayNonBlocking, delayWithCallback } from '../../src/work/delay.js'
import { sleepUnlessAborted, type OnClientGone } from '../../src/client-gone.js'
import { ClientGoneError } from '../../src/errors.js'
import { timed } from '../helpers/timing.js'

it('a full queue refuses at once with a 503 and Retry-After; a place frees when a waiter gets the lock', async () => {
  const lock = new BoundedLock('the test lock', 2)
  const holder = await lock.acquire()
  const waiting = [lock.acquire(), lock.acquire()]
  expect(lock.waiters).toBe(2)
  await expect(lock.acquire()).rejects.toMatchObject({ code: 'LAB_ERR_LOCK_QUEUE_FULL', statusCode: 503, headers: { 'retry-after': '1' } })
  holder()
  const next = await waiting[0]
  expect(lock.waiters).toBe(1)
  next()
  ;(await waiting[1])?.()
  expect(lock.waiters).toBe(0)
})

it('a waiter whose client leaves stops waiting with that reason, and its turn is handed on', async () => {
  const lock = new BoundedLock('the test lock', 10)
  const holder = await lock.acquire()
  const leaving = new AbortController()
  const gone = lock.acquire(leaving.signal)
  const stays = lock.acquire()
  leaving.abort(new ClientGoneError())
  await expect(gone).rejects.toMatchObject({ code: 'LAB_ERR_CLIENT_GONE' })
  holder()
  // The departed waiter's turn comes and is released at once: the next waiter gets the lock.
  const release = await stays
  release()
  expect(lock.waiters).toBe(0)
  await expect(lock.acquire(AbortSignal.abort(new ClientGoneError()))).rejects.toMatchObject({ code: 'LAB_ERR_CLIENT_GONE' })
})

it('an in-flight limit refuses past its cap with a 503 and frees a place when a task ends', async () => {
  const limit = new InFlightLimit('the test pool', 1)
  let finish = (): void => {}
  const first = limit.run(async () => new Promise<void>((resolve) => { finish = resolve }))
  await expect(limit.run(async () => 'second')).rejects.toMatchObject({ code: 'LAB_ERR_IN_FLIGHT_FULL', statusCode: 503 })
  finish()
  await first
  expect(await limit.run(async () => 'third')).toBe('third')
})

/** An OnClientGone whose client leaves after `ms`. */
const clientLeavesAfter = (ms: number): OnClientGone => (cancel) => { setTimeout(() => { cancel(new ClientGoneError()) }, ms) }

it('an async delay whose client leaves stops at once with the client-gone error', async () => {
  const { value: error, ms } = await timed(async () => delayNonBlocking(5000, clientLeavesAfter(20)).catch((failure: unknown) => failure))
  expect(error).toMatchObject({ code: 'LAB_ERR_CLIENT_GONE', statusCode: 499 })
  expect(ms).toBeLessThan(1000)
})

it('the callback form whose client leaves never calls its continuation, and keeps no timer', async () => {
  let called = false
  delayWithCallback(100, () => { called = true }, clientLeavesAfter(20))
  await new Promise((resolve) => setTimeout(resolve, 200))
  expect(called).toBe(false)
  // A client that stays gets its answer.
  const report = await new Promise((resolve) => { delayWithCallback(30, resolve, () => {}) })
  expect(report).toMatchObject({ mode: 'async', work: 'delay' })
})

it('sleepUnlessAborted: an AbortSignal cancels with its own reason, already aborted or later', async () => {
  await expect(sleepUnlessAborted(5000, AbortSignal.abort(new ClientGoneError()))).rejects.toMatchObject({ code: 'LAB_ERR_CLIENT_GONE' })
  const { value: error, ms } = await timed(async () => sleepUnlessAborted(5000, AbortSignal.timeout(20)).catch((failure: unknown) => failure))
  expect(error).toMatchObject({ name: 'TimeoutError' })
  expect(ms).toBeLessThan(1000)
})
