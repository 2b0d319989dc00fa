// A request whose client has gone before its handler starts does no work. Pipelined requests show
// why this must be checked late: a client sends five /sync/delay on one connection and resets. Node
// parsed all five from one read, so all five are already routed, and each handler runs right after
// the one before it, in the same turn of the loop: without this hook each would spin its full time
// for nobody before the loop ever reads the reset (measured: /health waited 4.99 s behind five 1 s
// requests). So a request to a route that holds the loop (`holdsLoop: true`) that is queued behind
// another such request on its own connection first lets the loop poll its sockets once — two
// setImmediate turns put a poll phase between the work that ran before and this check — and a reset
// that arrived meanwhile has destroyed the socket by the time it is looked at.
// The first request of a connection does not wait: it was just read, so its client was there, and
// a wait would let other connections' requests run before it, which is not what blocking code does
// (ten blocking requests on ten connections run back to back, and /health waits behind all ten).
// Every other route only looks at the socket (free) just before its handler: its waits are cancelled
// when the client leaves, so it cannot pile up work for nobody, and it pays no loop turns per request.
// That look is made in a wrapper around the handler, set once when the route is registered, not in a
// hook: a hook phase costs Fastify a runner and three closures per request, and routes such as
// /health had no other hook in that phase. Validation runs before the look; it is a few comparisons.
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Socket } from 'node:net'
import { ClientGoneError } from '../errors.js'
import { addRouteHook } from '../route-hooks.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `true`: the handler holds the event loop, so it never starts for a client that has left. */
    holdsLoop?: boolean
  }
}

type Done = (error?: Error) => void

// The error handler answers 499 to nobody and logs it at info level: no work, no error line.
const goneError = (request: FastifyRequest): Error | undefined =>
  request.raw.socket?.destroyed === true ? new ClientGoneError() : undefined

// Requests to loop-holding routes not yet answered, per connection: more than none means this one
// was pipelined behind another.
const unanswered = new WeakMap<Socket, number>()

function checkAfterQueue (request: FastifyRequest, reply: FastifyReply, done: Done): void {
  const socket = request.raw.socket
  if (socket === null || socket === undefined) { done(); return }
  const ahead = unanswered.get(socket) ?? 0
  unanswered.set(socket, ahead + 1)
  reply.raw.once('close', () => { unanswered.set(socket, (unanswered.get(socket) ?? 1) - 1) })
  if (ahead === 0) { done(goneError(request)); return }
  setImmediate(() => setImmediate(() => { done(goneError(request)) }))
}

async function skipGoneClients (app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    if (route.config?.holdsLoop === true) {
      addRouteHook(route, 'preHandler', checkAfterQueue, 'first')
      return
    }
    // A synchronous throw from a handler goes to the error handler, as a hook's error would.
    const handler = route.handler
    route.handler = function (this: FastifyInstance, request, reply) {
      const gone = goneError(request)
      if (gone !== undefined) throw gone
      return handler.call(this, request, reply)
    }
  })
}

export default fp(skipGoneClients, { name: 'skip-gone-clients' })
