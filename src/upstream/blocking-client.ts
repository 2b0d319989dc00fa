// A truly blocking HTTP client, like Python's `requests.get`: the calling thread stops until the
// answer is there. JavaScript has no synchronous socket API, so a worker thread makes the request and
// the caller sleeps in Atomics.wait (synckit) until the worker posts the answer. While it sleeps, its
// event loop runs nothing: no other request, no timer, not /health.
import { createSyncFn } from 'synckit'
import { workerFile } from '../worker-script.js'
import type { getUpstream, UpstreamAnswer } from './upstream-client.js'

type BlockingGet = (url: string, timeoutMs: number) => UpstreamAnswer

let blockingGet: BlockingGet | undefined

/** Starts the worker now rather than on the first call (synckit keeps one per process, unref'd). */
export function startBlockingClient (): BlockingGet {
  blockingGet ??= createSyncFn<typeof getUpstream>(workerFile(import.meta.url, './blocking-client-worker.js'))
  return blockingGet
}

export function getUpstreamBlocking (url: string, timeoutMs: number): UpstreamAnswer {
  return startBlockingClient()(url, timeoutMs)
}
