import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { loadConfig, type Config } from '../../src/config.js'

/** The app as the server builds it, from an empty environment plus `overrides`, without logs. */
export async function buildTestApp (overrides: Partial<Config> = {}): Promise<FastifyInstance> {
  return buildApp({ ...loadConfig({}), ...overrides }, { logger: false })
}
