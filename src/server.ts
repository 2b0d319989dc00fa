// The only file that listens. Reads the environment, builds the app, and shuts down gracefully:
// on SIGTERM/SIGINT it stops accepting, lets in-flight requests finish within SHUTDOWN_GRACE_MS,
// then exits 0 (1 if the grace period runs out or closing fails). With WORKERS > 1 the first process
// becomes the cluster primary (src/cluster-primary.ts) and runs this file again in each worker.
import cluster from 'node:cluster'
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { loadConfigOrExit, type Config } from './config.js'
import { runClusterPrimary } from './cluster-primary.js'
import { LISTEN_BACKLOG } from './server-limits.js'
import { warmUpNextTick } from './warm-up-next-tick.js'

async function serve (config: Config): Promise<void> {
  // Before the app is built: see src/warm-up-next-tick.ts (about 7 µs of CPU per request).
  await warmUpNextTick()
  const app = await buildApp(config)

  // A cluster worker leaves signals to its primary, which sends each worker one SIGTERM: a terminal's
  // Ctrl-C also reaches the workers, and a second signal would cut their drain short.
  if (cluster.isWorker) process.on('SIGINT', () => {})
  closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS, skip: cluster.isWorker ? ['SIGINT'] : [], logger: { error: (message) => app.log.error(message) } },
    async ({ signal, err }) => {
      if (err !== undefined) app.log.error({ err }, 'closing after an unexpected error')
      else app.log.info({ signal }, 'shutting down: no new connections, waiting for in-flight requests')
      await app.close()
      app.log.info('closed')
    })

  try {
    await app.listen({ port: config.PORT, host: config.HOST, backlog: LISTEN_BACKLOG })
  } catch (err) {
    app.log.error({ err }, 'could not listen')
    process.exit(1)
  }
}

const config = loadConfigOrExit(process.env)
if (cluster.isPrimary && config.WORKERS > 1) runClusterPrimary(config)
else await serve(config)
