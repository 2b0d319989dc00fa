// Feeds GET /stats: one event-loop measurement window per app, the requests in flight per route, and
// the shedding settings; off with LOOP_STATS=false (then nothing runs per request).
// A request leaves the count when its response closes, which also happens when the client gives up,
// so an aborted request cannot leave the count stuck. Per request this costs an increment and one
// listener, no allocation: each route's hook holds its counter, and the listener is shared.
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { ServerResponse } from 'node:http'
import { LoopStatsWindow, type LoopStats } from '../loop-stats.js'
import { UNMATCHED_ROUTE } from '../route-label.js'
import { addRouteHook } from '../route-hooks.js'

declare module 'fastify' {
  interface FastifyInstance {
    loopStats: {
      snapshot: () => LoopStats
      /** Starts a new window (the requests in flight are not reset: they are still in flight). */
      restart: () => void
    }
  }
}

interface InFlightCounter {
  route: string
  count: number
}

/** On the response, the counter its request entered, for the shared close listener to find. */
const COUNTER = Symbol('in-flight counter')
type CountedResponse = ServerResponse & { [COUNTER]?: InFlightCounter }

function leave (this: CountedResponse): void {
  const counter = this[COUNTER]
  if (counter !== undefined) counter.count--
}

async function loopStats (app: FastifyInstance): Promise<void> {
  if (!app.config.LOOP_STATS) return
  const window = new LoopStatsWindow()
  const counters = new Map<string, InFlightCounter>()
  const counterOf = (route: string): InFlightCounter => {
    let counter = counters.get(route)
    if (counter === undefined) {
      counter = { route, count: 0 }
      counters.set(route, counter)
    }
    return counter
  }

  // Each route's hook holds its own counter, found once when the route is registered: reading it from
  // `request.routeOptions` per request would build a new options object every time.
  const enter = (counter: InFlightCounter, reply: FastifyReply): void => {
    counter.count++
    const response: CountedResponse = reply.raw
    response[COUNTER] = counter
    response.on('close', leave)
  }
  app.addHook('onRoute', (route) => {
    const counter = counterOf(route.url)
    addRouteHook(route, 'onRequest', (_request, reply, done) => { enter(counter, reply); done() }, 'first')
  })
  // Unmatched requests (404s) have no route and so no route hook: they share one counter, entered by
  // a merged check (src/plugins/merged-hooks.ts) rather than a hook every request would call.
  const unmatched = counterOf(UNMATCHED_ROUTE)
  app.mergedHooks.onArrival((request, reply) => {
    if (request.is404) enter(unmatched, reply)
    return false
  })
  app.addHook('onClose', async () => { window.stop() })
  const inFlight = (): Record<string, number> =>
    Object.fromEntries([...counters.values()].filter(({ count }) => count > 0).map(({ route, count }) => [route, count]))

  const { SHED_LOAD, MAX_EVENT_LOOP_DELAY_MS, MAX_EVENT_LOOP_UTILIZATION } = app.config
  const shedding = { enabled: SHED_LOAD, maxEventLoopDelayMs: MAX_EVENT_LOOP_DELAY_MS, maxEventLoopUtilization: MAX_EVENT_LOOP_UTILIZATION }
  app.decorate('loopStats', {
    snapshot: () => window.snapshot({ inFlight: inFlight(), shedding }),
    restart: () => { window.restart() }
  })
}

export default fp(loopStats, { name: 'loop-stats', dependencies: ['merged-hooks'] })
