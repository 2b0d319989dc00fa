// Feeds GET /stats: one event-loop measurement window per app, the requests in flight per route, and
// the shedding settings.
// A request leaves the count when its response closes, which also happens when the client gives up,
// so an aborted request cannot leave the count stuck.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { LoopStatsWindow, type LoopStats } from '../loop-stats.js'
import { routeLabel } from '../route-label.js'

declare module 'fastify' {
  interface FastifyInstance {
    loopStats: {
      snapshot: () => LoopStats
      /** Starts a new window (the requests in flight are not reset: they are still in flight). */
      restart: () => void
    }
  }
}

async function loopStats (app: FastifyInstance): Promise<void> {
  const window = new LoopStatsWindow()
  const inFlight = new Map<string, number>()

  app.addHook('onRequest', async (request, reply) => {
    const route = routeLabel(request)
    inFlight.set(route, (inFlight.get(route) ?? 0) + 1)
    reply.raw.once('close', () => {
      const left = (inFlight.get(route) ?? 1) - 1
      if (left === 0) inFlight.delete(route)
      else inFlight.set(route, left)
    })
  })
  app.addHook('onClose', async () => { window.stop() })

  const { SHED_LOAD, MAX_EVENT_LOOP_DELAY_MS, MAX_EVENT_LOOP_UTILIZATION } = app.config
  const shedding = { enabled: SHED_LOAD, maxEventLoopDelayMs: MAX_EVENT_LOOP_DELAY_MS, maxEventLoopUtilization: MAX_EVENT_LOOP_UTILIZATION }
  app.decorate('loopStats', {
    snapshot: () => window.snapshot({ inFlight: Object.fromEntries(inFlight), shedding }),
    restart: () => { window.restart() }
  })
}

export default fp(loopStats, { name: 'loop-stats' })
