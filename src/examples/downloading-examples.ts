// The article's examples 5–8: the tasks download URLs from the queue instead of counting. Each URL
// asks the slow upstream to answer after `units × unitMs`, so the queue [15, 10, 5, 2] becomes four
// downloads of 15, 10, 5 and 2 units. What changes from one example to the next is how a task waits
// for its download.
import { promisify } from 'node:util'
import { getUpstreamBlocking } from '../upstream-clients/blocking-client.js'
import { getUpstream, getUpstreamWithCallback, upstreamDelayUrl, upstreamTimeoutMs } from '../upstream-clients/upstream-client.js'
import { runRoundRobin, TASK_NAMES, WORK, workQueue } from './work-queue.js'
import type { Trace } from './trace.js'

export interface Downloads {
  /** Base URL of the slow upstream. */
  upstreamUrl: string
  unitMs: number
}

interface UrlQueue {
  urls: string[]
  timeoutMs: number
}

function urlQueue ({ upstreamUrl, unitMs }: Downloads): UrlQueue {
  return {
    urls: workQueue().map((units) => upstreamDelayUrl(upstreamUrl, units * unitMs)),
    timeoutMs: upstreamTimeoutMs(Math.max(...WORK) * unitMs)
  }
}

/** Example 5: generators and the round-robin scheduler, with a blocking HTTP client (`requests.get`). */
export function runBlockingDownloads (trace: Trace, downloads: Downloads): void {
  const { urls, timeoutMs } = urlQueue(downloads)
  function * task (name: string): Generator<undefined, void> {
    for (let url = urls.shift(); url !== undefined; url = urls.shift()) {
      trace.print(`Task ${name} getting URL: ${url}`)
      const startedAt = performance.now()
      getUpstreamBlocking(url, timeoutMs)
      trace.print(`Task ${name} got URL: ${url}`)
      trace.printTaskElapsed(name, startedAt)
      yield
    }
  }
  runRoundRobin(TASK_NAMES.map(task))
  trace.printTotalElapsed()
}

/**
 * Examples 6 and 7: async functions started together and joined with Promise.all; each task pauses
 * at `await` and the event loop resumes it when its download is done, so the downloads overlap.
 */
async function awaitDownloads (trace: Trace, downloads: Downloads, download: (url: string, timeoutMs: number) => Promise<unknown>): Promise<void> {
  const { urls, timeoutMs } = urlQueue(downloads)
  const task = async (name: string): Promise<void> => {
    for (let url = urls.shift(); url !== undefined; url = urls.shift()) {
      trace.print(`Task ${name} getting URL: ${url}`)
      const startedAt = performance.now()
      await download(url, timeoutMs)
      trace.print(`Task ${name} got URL: ${url}`)
      trace.printTaskElapsed(name, startedAt)
    }
  }
  await Promise.all(TASK_NAMES.map(task))
  trace.printTotalElapsed()
}

/** Example 6 (gevent's spawn, joinall and patched `requests.get`): the runtime's own non-blocking fetch. */
export async function runFetchDownloads (trace: Trace, downloads: Downloads): Promise<void> {
  await awaitDownloads(trace, downloads, getUpstream)
}

/** Twisted's getPage: a node:http download as a promise (a callback that promisify registers for us). */
const getPage = promisify(getUpstreamWithCallback)

/**
 * Example 7 (Twisted's @inlineCallbacks with `yield getPage(url)`): async/await is that pattern built
 * into the language, here over a callback-based client turned into a promise.
 */
export async function runInlineCallbackDownloads (trace: Trace, downloads: Downloads): Promise<void> {
  await awaitDownloads(trace, downloads, getPage)
}

/**
 * Example 8 (Twisted's `d.addCallback(success_callback, name, url, et)`): explicit callbacks. Each
 * download is node:http `get` with response events; its callback prints and starts the next one.
 */
export async function runCallbackDownloads (trace: Trace, downloads: Downloads): Promise<void> {
  const { urls, timeoutMs } = urlQueue(downloads)
  const successCallback = (name: string, url: string, startedAt: number): void => {
    trace.print(`Task ${name} got URL: ${url}`)
    trace.printTaskElapsed(name, startedAt)
  }
  const myTask = (name: string, done: (error: Error | null) => void): void => {
    const url = urls.shift()
    if (url === undefined) {
      done(null)
      return
    }
    trace.print(`Task ${name} getting URL: ${url}`)
    const startedAt = performance.now()
    getUpstreamWithCallback(url, timeoutMs, (error) => {
      if (error !== null) {
        done(error)
        return
      }
      successCallback(name, url, startedAt)
      myTask(name, done)
    })
  }
  // Twisted's DeferredList: one callback when every task has called back.
  await new Promise<void>((resolve, reject) => {
    let running = TASK_NAMES.length
    for (const name of TASK_NAMES) {
      myTask(name, (error) => {
        if (error !== null) reject(error)
        else if (--running === 0) resolve()
      })
    }
  })
  trace.printTotalElapsed()
}
