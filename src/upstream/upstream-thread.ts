// Starts the slow upstream in a worker thread of this process and hands back its URL. Shared by the
// server (src/plugins/upstream.ts) and the examples CLI, which both need an upstream on another loop.
import { Worker } from 'node:worker_threads'
import { workerFile } from '../worker-script.js'
import type { UpstreamConfig } from './upstream-app.js'

export interface UpstreamThread {
  url: string
  close: () => Promise<void>
}

export async function startUpstreamThread (config: UpstreamConfig): Promise<UpstreamThread> {
  const { LOG_LEVEL, MAX_DELAY_MS } = config
  const worker = new Worker(workerFile(import.meta.url, './upstream-worker.js'), { workerData: { LOG_LEVEL, MAX_DELAY_MS } })
  try {
    const url = await new Promise<string>((resolve, reject) => {
      worker.once('message', (message: { url: string }) => resolve(message.url))
      worker.once('error', reject)
      worker.once('exit', (code) => reject(new Error(`the upstream worker exited with code ${code} before listening`)))
    })
    // The thread alone must not keep the process alive: whoever started it closes it, or exits.
    worker.unref()
    return { url, close: async () => { await worker.terminate() } }
  } catch (error) {
    await worker.terminate()
    throw error
  }
}
