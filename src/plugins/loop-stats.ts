// Feeds GET /stats: one event-loop measurement window per app, the requests in flight per route, and
// the shedding settings; off with LOOP_STATS=false (then nothing runs per request).
// A request leaves the count when its response closes, which also happens when the client gives up,
// so an aborted request cannot leave the count stuck. Per request this costs an increment and one
// listener, no allocation: each route's counter sits in its route config, and the listener is shared.
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import type { ServerResponse } from 'node:http'
import { LoopStatsWindow, type LoopStats } from '../loop-stats.js'
import { UNMATCHED_ROUTE } from '../route-label.js'

declare module 'fastify' {
  interface FastifyInstance {
    loopStats: {
      snapshot: () => LoopStats
      /** Starts a new window (the requests in flight are not reset: they are still in flight). */
      restart: () => void
    }
  }
  interface FastifyContextConfig {
    /** Set for every route by the loop-stats plugin: its count of requests in flight. */
    inFlight?: InFlightCounter
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

  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, inFlight: counterOf(route.url) }
  })
  const unmatched = counterOf(UNMATCHED_ROUTE)
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const counter = request.routeOptions.config.inFlight ?? unmatched
    counter.count++
    const response: CountedResponse = reply.raw
    response[COUNTER] = counter
    response.on('close', leave)
    done()
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

export default fp(loopStats, { name: 'loop-stats' })
