// The request-logging policy (src/plugins/request-logging.ts), read from the log lines themselves.
import { Writable } from 'node:stream'
import { expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import type { Config } from '../../src/config.js'
import { testConfig } from '../helpers/build-test-app.js'
import { sharedSchemaCompilers } from '../helpers/shared-schema-compilers.js'

type Line = Record<string, unknown> & { level: number, msg: string, reqId?: string }

async function logsOf (env: Partial<Config>, requests: string[]): Promise<Line[]> {
  const lines: Line[] = []
  const stream = new Writable({
    write (chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(text) as Line)
      done()
    }
  })
  const config = await testConfig(env)
  const app = await buildApp(config, { logger: { level: config.LOG_LEVEL, stream }, schemaController: sharedSchemaCompilers })
  try {
    for (const url of requests) await app.inject(url)
  } finally {
    await app.close()
  }
  return lines
}

const about = (lines: Line[], text: string) => lines.filter((line) => line.msg.includes(text))

it('at the default level (info): no line for a fast request, one warn line for a slow one, naming its route and request id', async () => {
  const lines = await logsOf({ SLOW_REQUEST_MS: 80 }, ['/health', '/async/delay?ms=1', '/async/delay?ms=120'])
  expect(about(lines, 'incoming request')).toEqual([])
  expect(about(lines, 'request completed')).toEqual([])
  const slow = about(lines, 'slow request')
  expect(slow).toHaveLength(1)
  expect(slow[0]).toMatchObject({ level: 40, route: '/async/delay', url: '/async/delay?ms=120', statusCode: 200, reqId: expect.any(String) })
  expect(slow[0]?.responseTimeMs).toBeGreaterThanOrEqual(80)
})

it('a refused request is one info line from the error handler, with its code', async () => {
  const lines = await logsOf({}, ['/sync/delay?ms=-1'])
  const rejected = about(lines, 'rejected request')
  expect(rejected).toHaveLength(1)
  expect(rejected[0]).toMatchObject({ level: 30, code: 'FST_ERR_VALIDATION' })
})

it('SLOW_REQUEST_MS=0 writes no slow-request line', async () => {
  const lines = await logsOf({ SLOW_REQUEST_MS: 0 }, ['/async/delay?ms=30'])
  expect(about(lines, 'slow request')).toEqual([])
})

it('LOG_LEVEL=debug logs every request: received and completed, with the same request id', async () => {
  const lines = await logsOf({ LOG_LEVEL: 'debug' }, ['/health', '/health'])
  const received = about(lines, 'incoming request')
  const completed = about(lines, 'request completed')
  expect(received).toHaveLength(2)
  expect(completed).toHaveLength(2)
  expect(completed.map((line) => line.reqId)).toEqual(received.map((line) => line.reqId))
})
