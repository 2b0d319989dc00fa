// `npm run upstream`: the slow upstream alone, in its own process, on PORT (3001 unless set, so it
// can run next to the server on 3000). Point the server at it with UPSTREAM_URL.
import closeWithGrace from 'close-with-grace'
import { loadConfigOrExit } from '../config.js'
import { buildUpstreamApp } from './upstream-app.js'

const config = loadConfigOrExit({ PORT: '3001', ...process.env })
const app = await buildUpstreamApp(config)

closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS, logger: { error: (message) => app.log.error(message) } }, async () => {
  await app.close()
})

try {
  await app.listen({ port: config.PORT, host: config.HOST })
} catch (err) {
  app.log.error({ err }, 'could not listen')
  process.exit(1)
}
