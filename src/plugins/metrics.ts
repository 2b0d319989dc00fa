// Prometheus metrics for GET /metrics, on prom-client; off with METRICS=false (then nothing is
// recorded per request).
//
// Why a small plugin of our own rather than fastify-metrics: its current major (14) requires
// Node >= 22.19 (this project supports 20.19) and swapped prom-client for a fork; what we need is
// small anyway: one registry per app (tests build many apps; a shared registry would mix their
// counts and refuse duplicate metric names), route-pattern labels, and an event-loop-utilisation
// gauge that fastify-metrics does not offer. The request-duration histogram is our own
// (src/duration-histogram.ts): recording a request allocates nothing.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { performance } from 'node:perf_hooks'
import { collectDefaultMetrics, Gauge, Registry, type Metric } from 'prom-client'
import { DurationHistogram } from '../duration-histogram.js'
import { UNMATCHED_ROUTE } from '../route-label.js'
import { addRouteHook } from '../route-hooks.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's metrics in the Prometheus text format, and that format's content type. */
    metricsText: () => Promise<{ contentType: string, text: string }>
    /** The app's own registry: plugins that measure something register their metrics here. */
    metricsRegistry: Registry
  }
}

// Seconds. From a fast route (sub-millisecond) to a request queued behind many blocking ones.
const DURATION_BUCKETS_S = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

// The default metrics (memory, GC, event-loop lag percentiles since start-up...) describe the
// process, not an app: they are collected once per process however many apps it builds.
let processRegistry: Registry | undefined
function processMetrics (): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry()
    collectDefaultMetrics({ register: processRegistry })
  }
  return processRegistry
}

async function metrics (app: FastifyInstance): Promise<void> {
  if (!app.config.METRICS) return
  const registry = new Registry()
  const duration = new DurationHistogram('http_request_duration_seconds',
    'Time from receiving a request to sending its answer, by method, route pattern and status code.', DURATION_BUCKETS_S)
  registry.registerMetric(duration as unknown as Metric)

  let utilizationAtLastScrape = performance.eventLoopUtilization()
  // eslint-disable-next-line no-new -- the registry keeps the gauge; `collect` runs at every scrape
  new Gauge({
    name: 'eventloop_utilization_ratio',
    help: 'Share of the time since the previous scrape that the event loop was busy, 0 to 1.',
    registers: [registry],
    collect () {
      const now = performance.eventLoopUtilization()
      this.set(performance.eventLoopUtilization(now, utilizationAtLastScrape).utilization)
      utilizationAtLastScrape = now
    }
  })

  // Each route gets its recorder once, when it is registered, in a hook of its own.
  app.addHook('onRoute', (route) => {
    const durations = duration.route(route.url)
    addRouteHook(route, 'onResponse', (request, reply, done) => {
      durations.record(request.method, reply.statusCode, reply.elapsedTime / 1000)
      done()
    }, 'last')
  })
  // Unmatched requests (404s) have no route and so no route hook: they share one recorder, fed by a
  // merged check (src/plugins/merged-hooks.ts) rather than a hook every request would call.
  const unmatched = duration.route(UNMATCHED_ROUTE)
  app.mergedHooks.onAnswered((request, reply) => {
    if (request.is404) unmatched.record(request.method, reply.statusCode, reply.elapsedTime / 1000)
  })

  app.decorate('metricsRegistry', registry)
  // Merged at each scrape, so metrics that plugins registered after this one are exposed too. Every
  // series names the process it describes: with WORKERS > 1 each scrape reaches one worker (whichever
  // node:cluster hands the connection to), and summing across processes is Prometheus's job
  // (docs/scaling-out.md), not something one process could do for the others.
  app.decorate('metricsText', async () => {
    const exposed = Registry.merge([processMetrics(), registry])
    exposed.setDefaultLabels({ pid: String(process.pid) })
    return { contentType: exposed.contentType, text: await exposed.metrics() }
  })
}

export default fp(metrics, { name: 'metrics', dependencies: ['merged-hooks'] })
