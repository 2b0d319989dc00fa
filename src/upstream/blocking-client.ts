// A truly blocking HTTP client, like Python's `requests.get`: the calling thread stops until the
// answer is there. JavaScript has no synchronous socket API, so a worker thread makes the request and
// the caller sleeps in Atomics.wait (synckit) until the worker posts the outcome. While it sleeps, its
// event loop runs nothing: no other request, no timer, not /health — and no server of its own, which
// is why the upstream must live on another thread or process.
import { createSyncFn, type Syncify } from 'synckit'
import { workerFile } from '../worker-script.js'
import type { UpstreamAnswer } from './upstream-client.js'
import type { getUpstreamOutcome } from './blocking-client-worker.js'

type BlockingGet = Syncify<typeof getUpstreamOutcome>

let blockingGet: BlockingGet | undefined

/** The worker starts on the first call; synckit keeps it, unref'd, for the life of the process. */
function blockingClient (): BlockingGet {
  blockingGet ??= createSyncFn<typeof getUpstreamOutcome>(workerFile(import.meta.url, './blocking-client-worker.js'))
  return blockingGet
}

export function getUpstreamBlocking (url: string, timeoutMs: number): UpstreamAnswer {
  const outcome = blockingClient()(url, timeoutMs)
  if ('answer' in outcome) return outcome.answer
  throw Object.assign(new Error(outcome.failure.message), outcome.failure)
}
