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

// Left running until the process exits: its thread does not keep the process alive (src/upstream/upstream-thread.ts).
const shared = new Map<number, Promise<UpstreamThread>>()

/**
 * An upstream this test process starts once per MAX_DELAY_MS and shares with every test that only
 * calls it (test apps included: test/helpers/build-test-app.ts); not closed by its users. Starting
 * one is a new thread loading Fastify: a few hundred ms each time.
 */
export async function sharedTestUpstream (maxDelayMs = 10000): Promise<Pick<UpstreamThread, 'url'>> {
  let upstream = shared.get(maxDelayMs)
  if (upstream === undefined) {
    upstream = startUpstreamThread({ LOG_LEVEL: 'silent', MAX_DELAY_MS: maxDelayMs })
    // A failed start is not remembered: the next caller tries again.
    upstream.catch(() => shared.delete(maxDelayMs))
    shared.set(maxDelayMs, upstream)
  }
  return upstream
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
