// A batch of concurrent requests with a /health probe sent while they are in flight: the probe's time
// is how long the server's event loop kept an idle route waiting.
import { pause, timed, timedGet, timedGetOnNewConnection } from './timing.js'

export async function batchWithHealthProbe (baseUrl: string, path: string, concurrent: number) {
  // Open the batch's connections first, so all the requests are queued on the server at once.
  await Promise.all(Array.from({ length: concurrent }, () => timedGet(`${baseUrl}/health`)))
  const batch = timed(() => Promise.all(Array.from({ length: concurrent }, () => timedGet(`${baseUrl}${path}`))))
  await pause(50)
  const health = await timedGetOnNewConnection(`${baseUrl}/health`)
  const { value: answers, ms } = await batch
  return { answers, ms, health }
}
