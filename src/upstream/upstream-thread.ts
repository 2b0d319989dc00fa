// Starts the slow upstream in a worker thread of this process and hands back its URL. Shared by the
// server (src/plugins/upstream.ts) and the examples CLI, which both need an upstream on another loop.
// The thread is supervised: if it dies, a new one starts on the same port, so the URL callers hold
// stays right; meanwhile calls to it fail fast (connection refused: 502) and recover by themselves.
import { Worker } from 'node:worker_threads'
import { fireOnce } from '../faults.js'
import { workerFile } from '../worker-script.js'
import type { UpstreamConfig } from './upstream-app.js'
import type { UpstreamWorkerData } from './upstream-worker.js'

export interface UpstreamThread {
  url: string
  close: () => Promise<void>
}

/** Where a supervised thread reports its deaths and restarts (a pino logger fits). */
export interface UpstreamThreadLog {
  error: (fields: object, message: string) => void
  info: (fields: object, message: string) => void
}

/** Wait before a failed restart is tried again: long enough not to spin, short enough to recover soon. */
const RETRY_MS = 1000

async function startWorker (data: UpstreamWorkerData): Promise<{ worker: Worker, url: string }> {
  const worker = new Worker(workerFile(import.meta.url, './upstream-worker.js'), { workerData: data })
  try {
    const url = await new Promise<string>((resolve, reject) => {
      worker.once('message', (message: { url: string }) => resolve(message.url))
      worker.once('error', reject)
      worker.once('exit', (code) => reject(new Error(`the upstream worker exited with code ${code} before listening`)))
    })
    // The thread alone must not keep the process alive: whoever started it closes it, or exits.
    worker.unref()
    return { worker, url }
  } catch (error) {
    await worker.terminate()
    throw error
  }
}

export async function startUpstreamThread (config: UpstreamConfig, log?: UpstreamThreadLog): Promise<UpstreamThread> {
  const { LOG_LEVEL, MAX_DELAY_MS } = config
  const first = await startWorker({ LOG_LEVEL, MAX_DELAY_MS, port: 0, exitOnFirstRequest: fireOnce('upstream-exit') })
  const port = Number(new URL(first.url).port)
  let closing = false
  let current = first.worker
  let retry: NodeJS.Timeout | undefined

  const restart = (): void => {
    retry = undefined
    if (closing) return
    startWorker({ LOG_LEVEL, MAX_DELAY_MS, port, exitOnFirstRequest: false }).then(({ worker }) => {
      if (closing) return worker.terminate()
      log?.info({ upstream: first.url }, 'the slow upstream\'s worker restarted')
      supervise(worker)
    }, (err: unknown) => {
      log?.error({ err, upstream: first.url, retryInMs: RETRY_MS }, 'the slow upstream\'s worker could not restart')
      retry = setTimeout(restart, RETRY_MS).unref()
    })
  }

  const supervise = (worker: Worker): void => {
    current = worker
    // Owned here: an uncaught error in the thread is reported, then its 'exit' restarts it.
    worker.on('error', (err) => { log?.error({ err, upstream: first.url }, 'the slow upstream\'s worker failed') })
    worker.once('exit', (code) => {
      if (closing) return
      log?.error({ code, upstream: first.url }, 'the slow upstream\'s worker exited; restarting it')
      restart()
    })
  }
  supervise(first.worker)

  return {
    url: first.url,
    close: async () => {
      closing = true
      clearTimeout(retry)
      await current.terminate()
    }
  }
}
