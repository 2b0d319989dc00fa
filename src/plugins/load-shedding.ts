// Load shedding with @fastify/under-pressure, off unless SHED_LOAD=true (the lab exists to show the
// collapse; shedding is the mitigation you switch on to compare). While the event loop is overloaded,
// new requests get an immediate 503 + Retry-After instead of joining a queue they would wait long in.
//
// Never shed: routes whose config says `shedding: false` — the liveness probe (/health) and the
// observability routes (/metrics, /stats). A liveness probe that is shed tells the orchestrator to
// restart a process that is only busy: under load that turns overload into a restart loop and takes
// capacity away exactly when it is needed. And overload is when metrics matter most. (/health still
// waits behind a blocked loop like everything else: a loop stuck for good still fails its probe.)
import fp from 'fastify-plugin'
import underPressure from '@fastify/under-pressure'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { performance } from 'node:perf_hooks'
import { errorBody } from './error-handling.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false`: answered even while the server sheds load. */
    shedding?: boolean
  }
}

// How often under-pressure re-measures (the mean delay, the utilisation, over this window). Its
// default, a second, lets a blocking route build a second's backlog before shedding starts.
const SAMPLE_INTERVAL_MS = 100
const RETRY_AFTER_S = 1
const TICK_MS = 10

// Answers here rather than throwing to the error handler, which would replace the message with its
// generic 5xx one and log a warning per 503: the message is what the client needs, and a shed answer
// must stay cheap, in the very overload it is for. Returns the reply, which is a thenable settled once
// the answer is out: a hook must wait for it, or Fastify, seeing no finished response yet, goes on to
// run the route as well.
function shed (reply: FastifyReply, measured: string): FastifyReply {
  return reply.code(503).header('retry-after', String(RETRY_AFTER_S)).send(errorBody(503,
    `Server overloaded (${measured}): request shed, retry after ${RETRY_AFTER_S} s.`, 'FST_UNDER_PRESSURE'))
}

const exempt = (request: FastifyRequest): boolean => request.routeOptions.config.shedding === false

async function loadShedding (app: FastifyInstance): Promise<void> {
  const { SHED_LOAD, MAX_EVENT_LOOP_DELAY_MS, MAX_EVENT_LOOP_UTILIZATION } = app.config
  if (!SHED_LOAD) return
  await app.register(underPressure, {
    maxEventLoopDelay: MAX_EVENT_LOOP_DELAY_MS,
    maxEventLoopUtilization: MAX_EVENT_LOOP_UTILIZATION,
    // 'interval': the utilisation of the last sample; the default ('cumulative') is since start-up.
    eventLoopUtilizationMode: 'interval',
    sampleInterval: SAMPLE_INTERVAL_MS,
    pressureHandler: async (request, reply, type, value = Infinity) => {
      if (exempt(request)) return
      await shed(reply, type === 'eventLoopDelay'
        ? `mean event-loop delay ${Number.isFinite(value) ? `${Math.round(value)} ms` : `over ${SAMPLE_INTERVAL_MS} ms`}`
        : `event-loop utilisation ${value.toFixed(2)}`)
    }
  })
  if (MAX_EVENT_LOOP_DELAY_MS > 0) shedWithinABurst(app, MAX_EVENT_LOOP_DELAY_MS)
}

// under-pressure's measurement is a timer, and timers do not run while the loop works through a burst:
// requests that arrive together are all read in one turn of the loop and served back to back, so a
// burst of 100 blocking requests is accepted whole before the next sample can say "overloaded". This
// check runs per request instead: how long since the loop last got round to its timers. When that is
// over the threshold, this request would wait at least that long: it is shed, the rest of the burst too.
function shedWithinABurst (app: FastifyInstance, maxDelayMs: number): void {
  let lastTick = performance.now()
  const ticker = setInterval(() => { lastTick = performance.now() }, TICK_MS).unref()
  app.addHook('onClose', async () => { clearInterval(ticker) })
  // Callback style: the common case (the loop on time) costs no promise. A shed request is answered
  // here and `done` is not called, so Fastify runs nothing else for it.
  app.addHook('onRequest', (request, reply, done) => {
    const lateMs = performance.now() - lastTick - TICK_MS
    if (lateMs <= maxDelayMs || exempt(request)) {
      done()
      return
    }
    shed(reply, `event loop ${Math.round(lateMs)} ms late in this turn`)
  })
}

export default fp(loadShedding, { name: 'load-shedding' })
