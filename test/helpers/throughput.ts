// Closed-loop load from the test process: `connections` clients, each sending its next request as
// soon as the last one is answered, for a fixed window. Bounded in time and in request count.
import { timedGet } from './timing.js'

export async function requestsPerSecond (url: string, connections: number, windowMs: number, maxRequests = 2000): Promise<number> {
  const end = performance.now() + windowMs
  let sent = 0
  let answeredInWindow = 0
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < end && sent < maxRequests) {
      sent++
      const { status } = await timedGet(url)
      if (status !== 200) throw new Error(`GET ${url} answered ${status}`)
      if (performance.now() <= end) answeredInWindow++
    }
  }))
  return answeredInWindow / (windowMs / 1000)
}
