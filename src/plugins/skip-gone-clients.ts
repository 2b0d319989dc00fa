// A request whose client has gone before its handler starts does no work. Pipelined requests show
// why this must be checked late: a client sends five /sync/delay on one connection and resets. Node
// parsed all five from one read, so all five are already routed; without this hook each would spin
// its full time for nobody, one after the other, before the loop ever reads the reset (measured:
// /health waited 4.99 s behind five 1 s requests). The handler first lets the loop poll its sockets
// once — two setImmediate turns put a poll phase between the work that ran before and this check —
// so a reset that arrived meanwhile has destroyed the socket by the time it is looked at.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { ClientGoneError } from '../errors.js'

async function afterNextPoll (): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)))
}

async function skipGoneClients (app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', async (request) => {
    await afterNextPoll()
    // The error handler answers 499 to nobody and logs it at info level: no work, no error line.
    if (request.raw.socket?.destroyed === true) throw new ClientGoneError()
  })
}

export default fp(skipGoneClients, { name: 'skip-gone-clients' })
