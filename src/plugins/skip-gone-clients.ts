// A request whose client has gone before its handler starts does no work. Pipelined requests show
// why this must be checked late: a client sends five /sync/delay on one connection and resets. Node
// parsed all five from one read, so all five are already routed; without this hook each would spin
// its full time for nobody, one after the other, before the loop ever reads the reset (measured:
// /health waited 4.99 s behind five 1 s requests). A route that holds the loop (`holdsLoop: true`)
// first lets the loop poll its sockets once — two setImmediate turns put a poll phase between the
// work that ran before and this check — so a reset that arrived meanwhile has destroyed the socket
// by the time it is looked at. Every other route only looks at the socket (free): its waits are
// cancelled when the client leaves, so it cannot pile up work for nobody, and it does not pay two
// loop turns per request (the overhead benchmark counts them).
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ClientGoneError } from '../errors.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `true`: the handler holds the event loop, so it never starts for a client that has left. */
    holdsLoop?: boolean
  }
}

function afterNextPoll (done: () => void): void {
  setImmediate(() => setImmediate(done))
}

// The error handler answers 499 to nobody and logs it at info level: no work, no error line.
const goneError = (request: FastifyRequest): Error | undefined =>
  request.raw.socket?.destroyed === true ? new ClientGoneError() : undefined

async function skipGoneClients (app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    const holdsLoop = route.config?.holdsLoop === true
    const check = holdsLoop
      ? (request: FastifyRequest, _reply: unknown, done: (error?: Error) => void) => { afterNextPoll(() => { done(goneError(request)) }) }
      : (request: FastifyRequest, _reply: unknown, done: (error?: Error) => void) => { done(goneError(request)) }
    route.preHandler = [check, ...(route.preHandler === undefined ? [] : [route.preHandler].flat())]
  })
}

export default fp(skipGoneClients, { name: 'skip-gone-clients' })
