import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { loadConfig, type Config } from '../../src/config.js'
import { sharedTestUpstream } from './upstream.js'
import { sharedSchemaCompilers } from './shared-schema-compilers.js'

const DEFAULT_MAX_DELAY_MS = loadConfig({}).MAX_DELAY_MS

export interface TestAppOptions {
  /** true: the app starts its own upstream thread, as the server does when UPSTREAM_URL is unset. */
  embeddedUpstream?: boolean
}

/**
 * The config a test app runs with: an empty environment plus `overrides`. The stall detector is off
 * unless asked for: it watches the whole process, where tests build app after app, each calibrating
 * at start-up (a stall by design); its own tests run it in a server process.
 *
 * The slow upstream is shared: unless `overrides` names UPSTREAM_URL or the test asks for an
 * embedded one, the app calls the upstream thread this process shares (test/helpers/upstream.ts) —
 * the code the app would start in its own thread, minus a thread start-up per app (each loads Fastify
 * afresh). Its bound is the default MAX_DELAY_MS, or the app's when higher: the app keeps every wait
 * it asks the upstream for within its own bound, so a higher upstream bound changes no answer.
 */
export async function testConfig (overrides: Partial<Config> = {}, options: TestAppOptions = {}): Promise<Config> {
  const config: Config = { ...loadConfig({}), STALL_WARN_MS: 0, ...overrides }
  if (options.embeddedUpstream === true || config.UPSTREAM_URL !== undefined) return config
  const upstream = await sharedTestUpstream(Math.max(config.MAX_DELAY_MS, DEFAULT_MAX_DELAY_MS))
  return { ...config, UPSTREAM_URL: upstream.url }
}

/** The app as the server builds it, from `testConfig`, without logs; its schemas compiled once per process (./shared-schema-compilers.ts). */
export async function buildTestApp (overrides: Partial<Config> = {}, options: TestAppOptions = {}): Promise<FastifyInstance> {
  return buildApp(await testConfig(overrides, options), { logger: false, schemaController: sharedSchemaCompilers })
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
