// The washer and the dryer: two locks taken in opposite orders deadlock; a lock timeout detects it
// and names the cycle; one global order (`ordered`) never deadlocks.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Laundry, LaundryOrderSchema, LaundryReportSchema } from '../src/work/laundry.js'
import { closedObject } from '../src/schemas/body.js'
import { clientGoneSignal } from '../src/client-gone.js'
import { MAX_LOCK_WAITERS } from '../src/work/bounded-lock.js'

const laundryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const laundry = new Laundry(MAX_LOCK_WAITERS)
  const maxMs = app.config.MAX_DELAY_MS

  app.post('/laundry/run', {
    schema: {
      tags: ['thought experiments'],
      summary: 'Takes the washer and dryer locks in the given order, holdMs of IO each: opposite orders deadlock, and the lock timeout answers 409 naming the cycle.',
      description: 'Bound: one run at a time per machine, so at most 1000 / (2 × holdMs) runs per second; a deadlock costs lockTimeoutMs.',
      body: closedObject({
        order: LaundryOrderSchema,
        holdMs: Type.Integer({ minimum: 0, maximum: maxMs, default: 50, description: 'How long each load runs with its machine locked.' }),
        lockTimeoutMs: Type.Integer({ minimum: 1, maximum: maxMs, default: 500, description: 'How long to wait for a machine before giving up.' })
      }),
      response: { 200: LaundryReportSchema }
    },
    config: { example: { path: '/laundry/run', body: { order: 'ordered', holdMs: 50, lockTimeoutMs: 500 } } }
  }, async (request, reply) => laundry.run({ id: request.id, ...request.body, signal: clientGoneSignal(reply) }))
}

export default laundryRoutes
