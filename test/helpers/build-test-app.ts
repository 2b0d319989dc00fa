import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { loadConfig, type Config } from '../../src/config.js'

/**
 * The app as the server builds it, from an empty environment plus `overrides`, without logs. The stall
 * detector is off unless asked for: it watches the whole process, where tests build app after app,
 * each calibrating at start-up (a stall by design); its own tests run it in a server process.
 */
export async function buildTestApp (overrides: Partial<Config> = {}): Promise<FastifyInstance> {
  return buildApp({ ...loadConfig({}), STALL_WARN_MS: 0, ...overrides }, { logger: false })
}

/** Runs `use` on a test app of its own and closes the app afterwards, even when `use` fails. */
export async function withTestApp<T> (overrides: Partial<Config>, use: (app: FastifyInstance) => Promise<T>): Promise<T> {
  const app = await buildTestApp(overrides)
  try {
    return await use(app)
  } finally {
    await app.close()
  }
}
