// Finds the slow upstream for this process and gets the clients ready to call it: UPSTREAM_URL when
// set, else an upstream started in a worker thread of this process. The first call of each client
// pays a one-off start-up cost (fetch loads its HTTP stack, node:http its agent, the blocking client
// starts its worker); paying it here keeps that cost out of the first measured request.
import type { Config } from '../config.js'
import { getUpstreamBlocking } from './blocking-client.js'
import { promisify } from 'node:util'
import { getUpstream, getUpstreamWithCallback } from './upstream-client.js'
import { startUpstreamThread, type UpstreamThreadLog } from '../upstream/upstream-thread.js'

export interface UpstreamConnection {
  /** Base URL, without a trailing slash. */
  url: string
  /** true when this process runs the upstream in a worker thread. */
  embedded: boolean
  /** Stops the embedded upstream; nothing to do for an external one. */
  close: () => Promise<void>
  /** Why the warm-up call failed, if it did (an external upstream may come up later). */
  warmUpError?: Error
}

const WARM_UP_TIMEOUT_MS = 2000

export async function connectUpstream (config: Pick<Config, 'UPSTREAM_URL' | 'LOG_LEVEL' | 'MAX_DELAY_MS'>, log?: UpstreamThreadLog): Promise<UpstreamConnection> {
  const thread = config.UPSTREAM_URL === undefined ? await startUpstreamThread(config, log) : undefined
  const url = thread?.url ?? String(config.UPSTREAM_URL).replace(/\/+$/, '')
  const health = `${url}/health`
  const warmUpError = await Promise.all([
    getUpstream(health, WARM_UP_TIMEOUT_MS),
    promisify(getUpstreamWithCallback)(health, WARM_UP_TIMEOUT_MS)
  ]).then(() => {
    // Blocks this thread until the worker has started and answered: once, before the server listens.
    getUpstreamBlocking(health, WARM_UP_TIMEOUT_MS)
  }).then(() => undefined, (error: unknown) => error as Error)
  return {
    url,
    embedded: thread !== undefined,
    close: async () => { await thread?.close() },
    ...(warmUpError === undefined ? {} : { warmUpError })
  }
}
