// A slow upstream owned by the test, to point UPSTREAM_URL at. It runs in a worker thread: a blocking
// call from this thread to a server on this thread could never be answered.
import { freePort } from '../../load-tests/engine/server-process.js'
import type { UpstreamConfig } from '../../src/upstream/upstream-app.js'
import { startUpstreamThread, type UpstreamThread } from '../../src/upstream/upstream-thread.js'

export interface TestUpstream extends UpstreamThread {
  /** How many /upstream/delay requests it has received. */
  requests: () => Promise<number>
}

export async function startTestUpstream (config: Partial<UpstreamConfig> = {}): Promise<TestUpstream> {
  const thread = await startUpstreamThread({ LOG_LEVEL: 'silent', MAX_DELAY_MS: 10000, ...config })
  return { ...thread, requests: async () => upstreamRequests(thread.url) }
}

/** How many /upstream/delay requests the upstream at `url` has received, asked over HTTP. */
export async function upstreamRequests (url: string): Promise<number> {
  const response = await fetch(`${url}/upstream/stats`, { signal: AbortSignal.timeout(5000) })
  return ((await response.json()) as { requests: number }).requests
}

/** A loopback URL where nothing listens. */
export async function deadUrl (): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`
}
