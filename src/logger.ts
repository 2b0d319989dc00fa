// pino options for the server. Production logs stay one JSON object per line (for log shippers);
// `npm run dev` pipes them through pino-pretty instead of pulling a pretty-printer into production.
import type { PinoLoggerOptions } from 'fastify/types/logger.js'
import type { Config } from './config.js'

export function loggerOptions (config: Pick<Config, 'LOG_LEVEL'>): PinoLoggerOptions {
  return {
    level: config.LOG_LEVEL,
    redact: ['req.headers.authorization', 'req.headers.cookie']
  }
}
