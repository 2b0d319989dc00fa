// Worker-thread entry of the embedded upstream: its own event loop, so it keeps answering while the
// main thread is blocked. Listens on loopback (a free port the first time, the same one after a
// restart) and tells the parent its URL.
import { parentPort, workerData } from 'node:worker_threads'
import { buildUpstreamApp, type UpstreamConfig } from './upstream-app.js'

export interface UpstreamWorkerData extends UpstreamConfig {
  port: number
  /** The injected fault `upstream-exit` (LAB_FAULTS, tests only): die on the first /upstream/delay. */
  exitOnFirstRequest: boolean
}

const data = workerData as UpstreamWorkerData
const app = await buildUpstreamApp(data)
if (data.exitOnFirstRequest) {
  app.server.prependListener('request', (request: { url?: string }) => {
    if (request.url?.startsWith('/upstream/delay') === true) process.exit(1)
  })
}
const url = await app.listen({ port: data.port, host: '127.0.0.1' })
parentPort?.postMessage({ url })
