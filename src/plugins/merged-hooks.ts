// The checks that every request gets, whatever its route, merged into one Fastify hook per phase.
// Fastify calls each hook through its hook runner: an iterator call, a `reply.sent` check and a
// `next` per hook. The lab's always-on checks (the Host header, the live page's traffic count, the
// count and the duration of requests no route matched, the slow-request line) are a comparison or
// two each, so those calls cost more than the checks. Plugins add a check here instead of a hook of
// their own; the checks run in the order added.
// A phase's hook is added with its first check, so with nothing to check a phase costs nothing. A
// route gets the hooks that exist when it is registered, so plugins add their first checks before
// any route (src/app.ts registers the routes last); later checks join a hook that is already there.
// Checks are synchronous: the lab has no always-on check that waits.
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'

/** Looks at a request as it arrives; returns true when it has answered it, so it goes no further. */
export type ArrivalCheck = (request: FastifyRequest, reply: FastifyReply) => boolean
/** Looks at a request once its answer has gone. */
export type AnsweredCheck = (request: FastifyRequest, reply: FastifyReply) => void

declare module 'fastify' {
  interface FastifyInstance {
    mergedHooks: {
      /** In the `onRequest` phase, for every request (unmatched ones too). */
      onArrival: (check: ArrivalCheck) => void
      /** In the `onResponse` phase. */
      onAnswered: (check: AnsweredCheck) => void
    }
  }
}

async function mergedHooks (app: FastifyInstance): Promise<void> {
  const arrival: ArrivalCheck[] = []
  const answered: AnsweredCheck[] = []
  const onArrival = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    for (const check of arrival) if (check(request, reply)) return
    done()
  }
  const onAnswered = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    for (const check of answered) check(request, reply)
    done()
  }
  app.decorate('mergedHooks', {
    onArrival: (check: ArrivalCheck) => {
      if (arrival.length === 0) app.addHook('onRequest', onArrival)
      arrival.push(check)
    },
    onAnswered: (check: AnsweredCheck) => {
      if (answered.length === 0) app.addHook('onResponse', onAnswered)
      answered.push(check)
    }
  })
}

export default fp(mergedHooks, { name: 'merged-hooks' })
