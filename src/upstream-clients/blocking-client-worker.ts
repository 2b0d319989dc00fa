// The worker behind the blocking client: an ordinary non-blocking HTTP call, whose outcome it posts
// back and then wakes the caller, asleep in Atomics.wait on the shared flag. A failure travels as
// plain data: an error with methods (like @fastify/error's) cannot cross threads.
import { workerData, type MessagePort } from 'node:worker_threads'
import { getUpstream } from './upstream-client.js'
import { ANSWERED, GONE, type BlockingCall, type BlockingOutcome } from './blocking-protocol.js'

const { port, flag } = workerData as { port: MessagePort, flag: Int32Array }

function wake (state: number): void {
  Atomics.store(flag, 0, state)
  Atomics.notify(flag, 0)
}

async function outcomeOf (url: string, timeoutMs: number): Promise<BlockingOutcome> {
  try {
    return { answer: await getUpstream(url, timeoutMs) }
  } catch (error) {
    const { name, message, code, statusCode } = error as Error & { code?: string, statusCode?: number }
    return { failure: { name, message, ...(code === undefined ? {} : { code }), ...(statusCode === undefined ? {} : { statusCode }) } }
  }
}

// A worker that ends for any reason says so at once, so its caller need not sleep to the deadline.
process.once('exit', () => { wake(GONE) })

port.on('message', async ({ id, url, timeoutMs, fault }: BlockingCall) => {
  // Injected faults (src/faults.ts): die mid-call, or never answer.
  if (fault === 'exit') process.exit(1)
  if (fault === 'stall') return
  const outcome = await outcomeOf(url, timeoutMs)
  port.postMessage({ id, outcome })
  wake(ANSWERED)
})
