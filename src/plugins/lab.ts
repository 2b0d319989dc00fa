// The lab's services (GET /lab and its feed and runs, routes/lab.ts): the live feed with its watchers,
// and the load runs. The per-route counting hook costs one property read while nobody watches.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { LabFeed } from '../lab/feed.js'
import { LabRuns, type RunView } from '../lab/runs.js'
import { Watchers } from '../lab/watchers.js'
import { routeLabel } from '../route-label.js'

declare module 'fastify' {
  interface FastifyInstance {
    lab: { watchers: Watchers, runs: LabRuns }
  }
}

/** What the feed says about a run: enough to draw its progress, not its result. */
function runSummary (run: RunView | undefined): unknown {
  if (run === undefined) return null
  const { id, request, elapsedS, progress } = run
  return { id, ...request, elapsedS, progress }
}

async function lab (app: FastifyInstance): Promise<void> {
  const runs = new LabRuns((run) => {
    const reqPerSec = (run.result?.run as { reqPerSec?: number } | undefined)?.reqPerSec
    app.log.info({ run: run.id, state: run.state, elapsedS: run.elapsedS, reqPerSec, error: run.error }, 'lab run ended')
  })
  // Each event says how many watch: a leaving watcher shows as one fewer.
  const feed = new LabFeed((event) => { watchers.send({ ...event, watchers: watchers.count }) }, () => runSummary(runs.current()))
  const watchers = new Watchers({ onFirst: () => { feed.start() }, onLast: () => { feed.stop() } })

  // A merged check (src/plugins/merged-hooks.ts): while nobody watches, one comparison per request.
  app.mergedHooks.onArrival((request, reply) => {
    if (feed.running) {
      const route = routeLabel(request)
      // The stream itself is the watcher, not traffic.
      const finished = route === '/lab/stream' ? undefined : feed.track(route)
      if (finished !== undefined) reply.raw.once('close', finished)
    }
    return false
  })
  // Before the server stops accepting: an open stream would hold the graceful shutdown to its end.
  app.addHook('preClose', (done) => { watchers.endAll(); done() })
  app.addHook('onClose', (_app, done) => { feed.stop(); runs.stopAll(); done() })
  app.decorate('lab', { watchers, runs })
}

export default fp(lab, { name: 'lab', fastify: '5.x', dependencies: ['merged-hooks'] })
