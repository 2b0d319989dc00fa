// The stall detector: when the event loop is held STALL_WARN_MS or longer, ONE warning names how long,
// the request that was running and the JavaScript stack that held it (src/stalls/ does the watching).
// This is the only place that logs stalls. The last stalls are kept for GET /stats, and counted in
// /metrics. It starts once the app is ready, so start-up work (calibrations) is not reported.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { Counter, Histogram } from 'prom-client'
import { stallMessage, type Stall } from '../stalls/stall-report.js'
import { enterRequest, leaveRequest, watchStalls } from '../stalls/watchdog.js'
import type { StallRecord } from '../stalls/watchdog-protocol.js'

declare module 'fastify' {
  interface FastifyInstance {
    stalls: {
      /** The last stalls, oldest first. */
      recent: () => Stall[]
      /** How many stalls since the app started. */
      total: () => number
    }
  }
}

const KEPT_STALLS = 20
// Seconds, from the smallest threshold worth warning about to a loop stuck for half a minute.
const STALL_BUCKETS_S = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

function toStall (record: StallRecord): Stall {
  const first = record.samples[0]
  const request = first?.request == null ? null : { method: first.request.method, url: first.request.url, route: first.request.route, id: first.request.id }
  return { at: new Date().toISOString(), heldMs: record.heldMs, cpuMs: record.cpuMs, request, frames: first?.frames ?? [], sampleLateMs: first?.lateMs ?? null }
}

/** Other requests that held the loop later in the same stall (requests queued behind each other). */
function laterRequests (record: StallRecord, first: Stall): string[] {
  const ids = record.samples.map((sample) => sample.request?.id).filter((id) => id !== undefined && id !== first.request?.id)
  return [...new Set(ids)] as string[]
}

async function stallDetector (app: FastifyInstance): Promise<void> {
  const recent: Stall[] = []
  let total = 0
  app.decorate('stalls', { recent: () => [...recent], total: () => total })
  // METRICS=false: no registry; the stalls are still counted for /stats and logged.
  const registers = app.hasDecorator('metricsRegistry') ? [app.metricsRegistry] : []
  const count = new Counter({
    name: 'eventloop_stalls_total',
    help: `Times the event loop was held STALL_WARN_MS (${app.config.STALL_WARN_MS} ms) or longer.`,
    registers
  })
  const held = new Histogram({
    name: 'eventloop_stall_seconds',
    help: 'How long each stall held the event loop.',
    buckets: STALL_BUCKETS_S,
    registers
  })

  const thresholdMs = app.config.STALL_WARN_MS
  if (thresholdMs === 0) return

  const onStall = (record: StallRecord): void => {
    const stall = toStall(record)
    recent.push(stall)
    if (recent.length > KEPT_STALLS) recent.shift()
    total++
    count.inc()
    held.observe(stall.heldMs / 1000)
    const also = laterRequests(record, stall)
    app.log.warn({ stall, reqId: stall.request?.id, ...(also.length > 0 ? { laterRequests: also } : {}) },
      stallMessage(stall) + (also.length > 0 ? ` (then ${also.length} more request(s) in the same stall)` : ''))
  }
  const onError = (error: Error): void => { app.log.error({ err: error }, 'stall detector stopped') }

  let watching: ReturnType<typeof watchStalls> | undefined
  app.addHook('onReady', async () => { watching = watchStalls(thresholdMs, { onStall, onError }) })
  app.addHook('onClose', async () => { await watching?.stop() })
  // The detector's only cost per request: each route's handler is called through a wrapper that
  // marks its request as running for the length of the call (no hook, no promise, no microtask).
  app.addHook('onRoute', (route) => {
    const handler = route.handler
    route.handler = function (this: FastifyInstance, request, reply) {
      if (watching === undefined) return handler.call(this, request, reply)
      enterRequest(reply, watching.id)
      try {
        return handler.call(this, request, reply)
      } finally {
        leaveRequest()
      }
    }
  })
}

export default fp(stallDetector, { name: 'stall-detector', fastify: '5.x', dependencies: ['metrics'] })
