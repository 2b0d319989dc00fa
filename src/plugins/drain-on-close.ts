// Lets a graceful shutdown actually finish. Closing the server stops new connections and drops the
// idle keep-alive ones, but a connection busy with a request when the signal came goes back to idle
// afterwards and would hold the process open until its keep-alive timeout — past the grace period.
// So while closing, every response asks the client to close the connection, and the socket is freed
// as soon as its last answer is out.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

async function drainOnClose (app: FastifyInstance): Promise<void> {
  let closing = false
  app.addHook('preClose', async () => { closing = true })
  // Callback style: on every answer, a check of one flag should not cost a promise.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close')
    done(null, payload)
  })
}

export default fp(drainOnClose, { name: 'drain-on-close' })
