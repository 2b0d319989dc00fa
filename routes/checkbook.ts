// The shared checkbook: withdrawals that read the balance, await IO, then write it back lose each
// other's updates on one thread; inside a mutex (safe: true) they are exact.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Checkbook, LedgerSchema, WithdrawalSchema } from '../src/work/checkbook.js'
import { closedObject } from '../src/schemas/body.js'
import { clientGoneSignal } from '../src/client-gone.js'

const MAX_MONEY = 1_000_000_000
const OPENING_BALANCE = 100

const checkbookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const checkbook = new Checkbook(OPENING_BALANCE)

  app.post('/checkbook/reset', {
    schema: {
      tags: ['thought experiments'],
      summary: 'Sets the balance and clears the ledger, before a run of withdrawals.',
      body: closedObject({ balance: Type.Integer({ minimum: 0, maximum: MAX_MONEY, description: 'The new balance.' }) }),
      response: { 200: LedgerSchema }
    },
    config: { example: { path: '/checkbook/reset', body: { balance: 100 } } }
  }, async (request) => checkbook.reset(request.body.balance))

  app.post('/checkbook/withdraw', {
    schema: {
      tags: ['thought experiments'],
      summary: 'Reads the balance, awaits ioMs of IO, writes balance − amount: concurrent unsafe withdrawals lose updates; safe ones hold a mutex.',
      description: 'Unsafe: throughput as /async/delay, but updates are lost. Safe: exact, at most 1000 / ioMs withdrawals per second.',
      body: closedObject({
        amount: Type.Integer({ minimum: 1, maximum: MAX_MONEY, description: 'What to withdraw.' }),
        ioMs: Type.Integer({ minimum: 0, maximum: app.config.MAX_DELAY_MS, default: 20, description: 'The simulated IO between read and write.' }),
        safe: Type.Boolean({ default: false, description: 'Hold a mutex from read to write.' })
      }),
      response: { 200: WithdrawalSchema }
    },
    config: { example: { path: '/checkbook/withdraw', body: { amount: 10, ioMs: 50, safe: true } } }
  }, async (request, reply) => checkbook.withdraw(request.body.amount, request.body.ioMs, request.body.safe, clientGoneSignal(reply)))

  app.get('/checkbook', {
    schema: {
      tags: ['thought experiments'],
      summary: 'The ledger: the balance, what it should be, what was paid out, and how many updates were lost.',
      response: { 200: LedgerSchema }
    },
    config: { example: { path: '/checkbook' } }
  }, async () => checkbook.ledger())
}

export default checkbookRoutes
