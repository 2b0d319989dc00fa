// Worker-thread entry of the embedded upstream: its own event loop, so it keeps answering while the
// main thread is blocked. Listens on a free loopback port and tells the parent its URL.
import { parentPort, workerData } from 'node:worker_threads'
import { buildUpstreamApp, type UpstreamConfig } from './upstream-app.js'

const app = await buildUpstreamApp(workerData as UpstreamConfig)
const url = await app.listen({ port: 0, host: '127.0.0.1' })
parentPort?.postMessage({ url })
