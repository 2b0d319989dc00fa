// Where the fetch pair and the examples find the slow upstream (src/upstream-clients/connect.ts): UPSTREAM_URL
// when set, else an upstream this server runs in a worker thread and stops when the app closes —
// after the in-flight requests, which may still be calling it.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.js'
import { connectUpstream, type UpstreamConnection } from '../upstream-clients/connect.js'

declare module 'fastify' {
  interface FastifyInstance {
    upstream: Pick<UpstreamConnection, 'url' | 'embedded'>
  }
}

async function upstream (app: FastifyInstance): Promise<void> {
  // The embedded upstream logs at this app's level: silent when the app logs nothing (tests).
  const level = (app.log.level as Config['LOG_LEVEL'] | undefined) ?? 'silent'
  const connection = await connectUpstream({ ...app.config, LOG_LEVEL: level }, app.log)
  app.decorate('upstream', { url: connection.url, embedded: connection.embedded })
  app.addHook('onClose', connection.close)
  if (connection.warmUpError !== undefined) {
    app.log.warn({ upstream: connection.url, err: connection.warmUpError }, 'the slow upstream does not answer (yet); the fetch pair will answer 502 until it does')
  } else {
    app.log.info({ upstream: connection.url, embedded: connection.embedded }, 'slow upstream ready')
  }
}

export default fp(upstream, { name: 'upstream' })
