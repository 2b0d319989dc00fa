// A batch of concurrent requests with a /health probe sent while they are in flight: the probe's time
// is how long the server's event loop kept an idle route waiting.
import { timeHealth } from '../../load-tests/engine/health-probe.js'
import { pause, timed, timedGet } from './timing.js'

const PROBE_TIMEOUT_MS = 15_000

export async function batchWithHealthProbe (baseUrl: string, path: string, concurrent: number) {
  // Open the batch's connections first, so all the requests are queued on the server at once.
  await Promise.all(Array.from({ length: concurrent }, () => timedGet(`${baseUrl}/health`)))
  const batch = timed(() => Promise.all(Array.from({ length: concurrent }, () => timedGet(`${baseUrl}${path}`))))
  await pause(50)
  // On a new connection of its own (no agent; fetch would reuse a pooled one), so its place in the
  // server's queue depends on when it was sent, not on which pooled socket it happened to get.
  // A failure or timeout comes back as status 0 and latencyMs null, which callers' checks refuse.
  const health = await timeHealth(baseUrl, false, PROBE_TIMEOUT_MS)
  const { value: answers, ms } = await batch
  return { answers, ms, health }
}
