// SIGTERM in the middle of a load test. "Accepted before the signal" is measured where it is decided,
// in the server: a request whose `incoming request` log line comes before the `shutting down` line
// had reached Fastify before the process heard the signal (one process, one stdout: the order is
// exact). Each of those must be answered 200. Requests that arrive after it get a 503 or find the
// port closed: connection errors after the signal are expected, not failures.
import autocannon from 'autocannon'
import { expect, it } from 'vitest'
import { startServerProcess } from '../../load-tests/engine/server-process.js'
import { pause, timed } from '../helpers/timing.js'

const CONNECTIONS = 20
const DELAY_MS = 200
const GRACE_MS = 3000
const SIGNAL_AFTER_MS = 1000

type LogLine = Record<string, unknown> & { reqId?: string, msg?: string, req?: { url?: string }, res?: { statusCode?: number } }

it(`SIGTERM under load (${CONNECTIONS} connections on /async/delay): every request accepted before it gets a 200; exit 0 within the grace period`, async () => {
  const server = await startServerProcess({ env: { LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: String(GRACE_MS) } })
  const clientStatuses = new Map<number, number>()
  let finish = (): void => {}
  const finished = new Promise<void>((resolve) => { finish = resolve })
  const load = autocannon({ url: `${server.url}/async/delay?ms=${DELAY_MS}`, connections: CONNECTIONS, duration: 10, timeout: 5 }, () => finish())
  load.on('response', (_client, statusCode) => { clientStatuses.set(statusCode, (clientStatuses.get(statusCode) ?? 0) + 1) })

  await pause(SIGNAL_AFTER_MS)
  const { value: exit, ms: exitMs } = await timed(() => server.stop('SIGTERM'))
  load.stop()
  await finished

  const logs = server.logs as LogLine[]
  const signalAt = logs.findIndex((line) => line.msg?.startsWith('shutting down') === true)
  expect(signalAt).toBeGreaterThan(0)
  const loadIds = new Set(logs.filter((line) => line.msg === 'incoming request' && line.req?.url?.startsWith('/async/delay') === true)
    .map((line) => line.reqId))
  const acceptedBefore = new Set(logs.slice(0, signalAt).filter((line) => loadIds.has(line.reqId) && line.msg === 'incoming request').map((line) => line.reqId))
  const completions = new Map(logs.filter((line) => loadIds.has(line.reqId) && line.msg === 'request completed').map((line) => [line.reqId, line.res?.statusCode]))
  const inFlightAtSignal = [...acceptedBefore].filter((id) => logs.findIndex((line) => line.reqId === id && line.msg === 'request completed') > signalAt)

  // The load was real and the signal came mid-run: requests were waiting in handlers when it arrived.
  expect(acceptedBefore.size).toBeGreaterThanOrEqual(CONNECTIONS)
  expect(inFlightAtSignal.length).toBeGreaterThanOrEqual(1)
  // Every request accepted before the signal was answered 200, and the client received each 200.
  expect([...acceptedBefore].filter((id) => completions.get(id) !== 200)).toEqual([])
  const served = [...completions.values()].filter((status) => status === 200).length
  expect(clientStatuses.get(200)).toBe(served)
  // Anything else the client saw is the closing server's 503 to a request that came after the signal.
  expect([...clientStatuses.keys()].filter((status) => status !== 200 && status !== 503)).toEqual([])

  expect(exit).toEqual({ code: 0, signal: null })
  expect(exitMs).toBeLessThan(GRACE_MS)
  expect(logs.filter((line) => Number(line.level) >= 50)).toEqual([])
})
