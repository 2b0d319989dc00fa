// Every limit the HTTP server enforces, chosen here on purpose rather than inherited. This lab makes
// clients wait *on purpose*, so each timeout must be longer than the waits it demonstrates, or a
// stall turns into resets and 408s that hide what the demo is about. Measured reasoning in
// docs/operations.md ("Server limits").
import type { FastifyServerOptions } from 'fastify'
import type { Config } from './config.js'

/**
 * Connections the kernel may hold before the server accepts them (a listen option, so src/server.ts
 * passes it). Node's default, 511, is less than one burst of the load test (1000 connections opened
 * at once): the kernel dropped the rest of the SYNs (`nstat TcpExtListenOverflows`: 47 in one run)
 * and those clients retried a second later, a second in which they sent nothing. The kernel caps it
 * at net.core.somaxconn (4096 on current Linux).
 */
export const LISTEN_BACKLOG = 4096

/** How many maximal blocking requests a client may have to wait behind before its socket is reaped. */
const QUEUED_BLOCKING_REQUESTS = 10
const MIN_CONNECTION_TIMEOUT_MS = 60_000

export type ServerLimits = Required<Pick<FastifyServerOptions,
  'connectionTimeout' | 'requestTimeout' | 'keepAliveTimeout' | 'bodyLimit' | 'routerOptions' | 'return503OnClosing'>> & {
    http: { requireHostHeader: boolean, headersTimeout: number }
  }

/**
 * How long a connection may carry no byte before it is closed (src/idle-connections.ts). A waiting
 * client's connection is idle too: while the loop is blocked nothing is written to it. The check runs
 * in the timers phase, *before* the loop reads the requests that queued during a block, so a timeout
 * shorter than the queue turns the blocking demo into ECONNRESETs. It covers ten maximal blocking
 * requests (100 s by default), and a minute at least.
 */
export function idleConnectionTimeoutMs (config: Pick<Config, 'MAX_DELAY_MS'>): number {
  return Math.max(MIN_CONNECTION_TIMEOUT_MS, QUEUED_BLOCKING_REQUESTS * config.MAX_DELAY_MS)
}

export function serverLimits (config: Pick<Config, 'MAX_DELAY_MS'>): ServerLimits {
  const receiveTimeoutMs = idleConnectionTimeoutMs(config)
  return {
    // Node's own socket timeout is off: a timer per socket, re-armed by every request and refreshed by
    // every read and write, cost 5 % of the throughput. Idle connections are closed by a sweep
    // instead, after idleConnectionTimeoutMs (above).
    connectionTimeout: 0,
    // Time to *receive* a request (a slowloris defence; Fastify's default is none), and within it its
    // headers. It does not include the time to answer, but on a new connection Node starts the clock
    // when it accepts the connection, not at the request's first byte (a connection that sends nothing
    // must not be held for free). The loop accepts a burst of connections in one turn and may then be
    // held by the requests queued ahead before it reads theirs, and the check runs in the timers phase,
    // before the read: a client that sent its request at once got 408 after its connection had waited
    // out the limit (one request of 1097 in the 1000-connection blocking run, at 30 s). So the limit
    // covers the same queue as the idle sweep: ten maximal blocking requests, a minute at least.
    requestTimeout: receiveTimeoutMs,
    // Idle time between requests on a kept-alive connection. Longer than the usual load-balancer idle
    // timeout (60 s), so the balancer, not this server, closes idle connections: a server closing one
    // at the moment the balancer reuses it is a classic source of 502s. Fastify's default, kept on purpose.
    keepAliveTimeout: 72_000,
    // The one body limit, for every route: the largest body the lab takes is a small JSON object (under
    // 200 bytes), so 1 KiB is plenty, and Fastify answers 413 beyond it before parsing. JSON.parse
    // holds the event loop too: 1 MiB (Fastify's default) takes 5-7 ms here.
    bodyLimit: 1024,
    // The longest valid path parameter is a job id: an integer counter, at most 16 digits
    // (Number.MAX_SAFE_INTEGER). Up to 100 characters a bad one still reaches validation and gets a
    // 400 that names the range; the router refuses longer ones itself (414, FST_ERR_MAX_PARAM_LENGTH).
    routerOptions: { maxParamLength: 100 },
    // During a graceful shutdown, a request that arrives on a kept-alive connection gets 503 and
    // `Connection: close` right away (a load balancer retries it elsewhere) instead of starting work
    // the grace period may cut short. Requests already in a handler finish normally.
    return503OnClosing: true,
    // Node refuses an HTTP/1.1 request without a Host header with an empty 400; this server refuses
    // it too, but in JSON like every other error (src/plugins/protocol-errors.ts).
    http: { requireHostHeader: false, headersTimeout: receiveTimeoutMs }
  }
}
