import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from '../helpers/build-test-app.js'
import { badNumberBodies, badShapeBodies, expectRefused, postJson } from '../helpers/json-bodies.js'

let app: FastifyInstance
beforeAll(async () => { app = await buildTestApp() })
afterAll(async () => { await app.close() })
beforeEach(async () => { expect((await postJson(app, '/checkbook/reset', { balance: 100 })).statusCode).toBe(200) })

async function withdrawAtOnce (count: number, body: { amount: number, ioMs: number, safe?: boolean }) {
  const responses = await Promise.all(Array.from({ length: count }, () => postJson(app, '/checkbook/withdraw', body)))
  const ledger = (await app.inject('/checkbook')).json()
  return { responses, ledger }
}

describe('unsafe: read, await IO, write', () => {
  it('5 concurrent withdrawals of 10 from 100: all paid, the balance says 90, 4 updates lost', async () => {
    const { responses, ledger } = await withdrawAtOnce(5, { amount: 10, ioMs: 30 })
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 200, 200])
    expect(responses.map((response) => response.json().balanceSeen)).toEqual([100, 100, 100, 100, 100])
    expect(ledger).toEqual({
      openingBalance: 100, balance: 90, paidOut: 50, expectedBalance: 50, withdrawals: 5, refused: 0, lostUpdates: 4, overdrawnBy: 0
    })
  })

  it('20 concurrent withdrawals of 10 from 100: 200 paid out of an account of 100, which still says 90', async () => {
    const { responses, ledger } = await withdrawAtOnce(20, { amount: 10, ioMs: 30 })
    expect(responses.every((response) => response.statusCode === 200)).toBe(true)
    expect(ledger).toMatchObject({ balance: 90, paidOut: 200, expectedBalance: -100, lostUpdates: 19, overdrawnBy: 100 })
  })
})

describe('safe: the same errand inside a mutex', () => {
  it('5 concurrent withdrawals of 10 from 100: exact, each saw the previous one\'s write', async () => {
    const { responses, ledger } = await withdrawAtOnce(5, { amount: 10, ioMs: 30, safe: true })
    expect(responses.map((response) => response.json().balanceSeen)).toEqual([100, 90, 80, 70, 60])
    expect(ledger).toEqual({
      openingBalance: 100, balance: 50, paidOut: 50, expectedBalance: 50, withdrawals: 5, refused: 0, lostUpdates: 0, overdrawnBy: 0
    })
  })

  it('20 concurrent withdrawals of 10 from 100: 10 paid, 10 refused with a 409 naming the balance, never negative', async () => {
    const { responses, ledger } = await withdrawAtOnce(20, { amount: 10, ioMs: 5, safe: true })
    const paid = responses.filter((response) => response.statusCode === 200).map((response) => response.json())
    const refused = responses.filter((response) => response.statusCode === 409).map((response) => response.json())
    expect(paid).toHaveLength(10)
    expect(paid.every((withdrawal) => withdrawal.balanceAfter >= 0)).toBe(true)
    expect(refused).toHaveLength(10)
    expect(refused[0]).toEqual({
      statusCode: 409, error: 'Conflict', code: 'LAB_ERR_INSUFFICIENT_FUNDS', message: 'insufficient funds: the balance is 0, the withdrawal 10'
    })
    expect(ledger).toMatchObject({ balance: 0, paidOut: 100, expectedBalance: 0, refused: 10, lostUpdates: 0, overdrawnBy: 0 })
  })
})

it('reset sets the balance and clears the ledger', async () => {
  await withdrawAtOnce(3, { amount: 10, ioMs: 0 })
  const response = await postJson(app, '/checkbook/reset', { balance: 500 })
  expect(response.json()).toEqual({
    openingBalance: 500, balance: 500, paidOut: 0, expectedBalance: 500, withdrawals: 0, refused: 0, lostUpdates: 0, overdrawnBy: 0
  })
})

describe.each([
  { url: '/checkbook/withdraw', valid: { amount: 10, ioMs: 0, safe: true }, numberFields: ['amount', 'ioMs'] },
  { url: '/checkbook/reset', valid: { balance: 100 }, numberFields: ['balance'] }
])('$url refuses a hostile body', ({ url, valid, numberFields }) => {
  it.each([...numberFields.flatMap((field) => badNumberBodies(valid, field)), ...badShapeBodies(valid)])(
    '$name: $status JSON', async (body) => { await expectRefused(app, url, body) })
})

it.each([
  [{ ioMs: 5 }, 'body field amount is required'],
  [{ amount: 0 }, 'body field amount must be an integer from 1 to 1000000000 (got 0)'],
  [{ amount: 10, ioMs: 10001 }, 'body field ioMs must be an integer from 0 to 10000 (got 10001)'],
  [{ amount: 10, safe: 'yes' }, 'body field safe must be true or false (got "yes")'],
  [{ amount: 10, safe: 1 }, 'body field safe must be true or false (got 1)']
])('withdraw %j: 400 "%s"', async (body, message) => {
  const response = await postJson(app, '/checkbook/withdraw', body)
  expect(response.statusCode).toBe(400)
  expect(response.json().message).toBe(message)
})
