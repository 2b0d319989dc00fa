// The only file that listens. Reads the environment, builds the app, and shuts down gracefully:
// on SIGTERM/SIGINT it stops accepting, lets in-flight requests finish within SHUTDOWN_GRACE_MS,
// then exits 0 (1 if the grace period runs out or closing fails).
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { loadConfigOrExit } from './config.js'

const config = loadConfigOrExit(process.env)
const app = await buildApp(config)

closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS, logger: { error: (message) => app.log.error(message) } },
  async ({ signal, err }) => {
    if (err !== undefined) app.log.error({ err }, 'closing after an unexpected error')
    else app.log.info({ signal }, 'shutting down: no new connections, waiting for in-flight requests')
    await app.close()
    app.log.info('closed')
  })

try {
  await app.listen({ port: config.PORT, host: config.HOST })
} catch (err) {
  app.log.error({ err }, 'could not listen')
  process.exit(1)
}
