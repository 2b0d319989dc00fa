import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { loadConfig, type Config } from '../../src/config.js'

/** The app as the server builds it, from an empty environment plus `overrides`, without logs. */
export async function buildTestApp (overrides: Partial<Config> = {}): Promise<FastifyInstance> {
  return buildApp({ ...loadConfig({}), ...overrides }, { logger: false })
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
