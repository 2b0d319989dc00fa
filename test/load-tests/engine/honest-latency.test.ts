// What a run does with the requests still out when its window closes, and what an open-loop sender
// sends, against stand-in servers: one that serves a request at a time (a blocked event loop, without
// blocking this process), one that holds every answer until told.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { availableParallelism } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAutocannonCounted } from '../../../load-tests/engine/autocannon-run.js'
import { runOpenLoop } from '../../../load-tests/engine/open-loop.js'
import { summarizeOpenLoop } from '../../../load-tests/core/open-loop.js'

const SERVICE_MS = 20

/** Serves one request at a time, SERVICE_MS each, in arrival order: at most 50 req/s. */
function serialHandler () {
  const queue: ServerResponse[] = []
  let busy = false
  const next = () => {
    const response = queue.shift()
    if (response === undefined) { busy = false; return }
    busy = true
    setTimeout(() => { response.end('{}'); next() }, SERVICE_MS)
  }
  return (_request: IncomingMessage, response: ServerResponse) => {
    queue.push(response)
    if (!busy) next()
  }
}

async function listen (handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ server: Server, url: string }> {
  const server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

let serial: { server: Server, url: string }
beforeAll(async () => { serial = await listen(serialHandler()) })
afterAll(async () => {
  serial.server.closeAllConnections()
  await new Promise((resolve) => serial.server.close(resolve))
})

describe('a closed-loop run against a queue', () => {
  it('counts the requests waiting at the close, drains them and keeps their latencies: p99 reaches the queue', async () => {
    // 10 connections on a 50 req/s server: a queue of 10 × 20 ms = 200 ms, always full.
    const { requests, result, windowS, latencyMs, loadGeneratorCpuS } = await runAutocannonCounted({ url: `${serial.url}/`, connections: 10, durationS: 1, timeoutS: 10, drain: true })
    expect(windowS).toBeGreaterThan(0.9)
    expect(requests.waitingAtClose).toBeGreaterThan(5)
    expect(requests.drained).toBe(requests.waitingAtClose)
    expect(requests.unanswered).toBe(0)
    expect(requests.sent).toBe(requests.answered + requests.waitingAtClose)
    expect(requests.oldestWaitingMs).toBeGreaterThan(100)
    // autocannon's histogram holds every answer, the drained ones included.
    expect((result.latency as { totalCount?: number }).totalCount).toBe(requests.answered + requests.drained)
    expect(result.latency.p99).toBeGreaterThanOrEqual(0.8 * 10 * SERVICE_MS)
    // The run's own percentiles, which the reports show, are of the same requests.
    expect(latencyMs?.p99).toBeGreaterThanOrEqual(0.8 * 10 * SERVICE_MS)
    expect(latencyMs?.max).toBeCloseTo(result.latency.max, -1)
    // The load generator's own CPU over the window: measured, and no more than the window's length
    // on every core of the machine.
    expect(loadGeneratorCpuS).toBeGreaterThan(0)
    expect(loadGeneratorCpuS).toBeLessThan(windowS * availableParallelism())
  }, 30_000)

  it('after a warm-up, the requests out when the window opened count in the throughput, not in the latencies', async () => {
    // 10 connections, each with its one request out at the opening: all 10 are answered within the
    // window (the queue is 200 ms), work the server did in it.
    const { requests, windowS } = await runAutocannonCounted({ url: `${serial.url}/`, connections: 10, durationS: 1, timeoutS: 10, drain: true, warmupS: 1 })
    expect(requests.answeredFromWarmUp).toBe(10)
    expect(requests.sent).toBe(requests.answered + requests.waitingAtClose)
    expect(requests.drained).toBe(requests.waitingAtClose)
    // No answer counted twice: all of them together stay within the server's 50 req/s.
    expect((requests.answered + requests.answeredFromWarmUp) / windowS).toBeLessThanOrEqual(1000 / SERVICE_MS + 1)
  }, 30_000)

  it('with a warm-up, onWarmUpHalfway is called once, about halfway through it, before the window opens', async () => {
    const started = performance.now()
    const calls: Array<[string, number]> = []
    await runAutocannonCounted({
      url: `${serial.url}/`,
      connections: 2,
      durationS: 1,
      timeoutS: 10,
      drain: true,
      warmupS: 2,
      onWarmUpHalfway: () => calls.push(['halfway', performance.now() - started]),
      onWindowOpen: () => calls.push(['open', performance.now() - started])
    })
    expect(calls.map(([what]) => what)).toEqual(['halfway', 'open'])
    const [[, halfwayMs], [, openMs]] = calls as [[string, number], [string, number]]
    // Timers and autocannon's ticks run late on a busy machine, never early.
    expect(halfwayMs).toBeGreaterThanOrEqual(990)
    expect(openMs - halfwayMs).toBeGreaterThan(500)
  }, 30_000)

  it('without the drain, the requests out at the close are never answered, and counted as such', async () => {
    const { requests } = await runAutocannonCounted({ url: `${serial.url}/`, connections: 10, durationS: 1, timeoutS: 10 })
    expect(requests.waitingAtClose).toBeGreaterThan(5)
    expect(requests.unanswered).toBe(requests.waitingAtClose)
    expect(requests.drained).toBe(0)
  }, 30_000)
})

describe('the open-loop sender', () => {
  it('sends on schedule whatever the answers: a server that answers nothing still receives rate × duration requests', async () => {
    const held: ServerResponse[] = []
    const mute = await listen((_request, response) => { held.push(response) })
    try {
      const run = runOpenLoop({ url: mute.url, path: '/', rate: 50, durationS: 1, timeoutS: 10, maxSockets: 50 })
      await new Promise((resolve) => setTimeout(resolve, 1300))
      expect(held.length).toBe(50)
      for (const response of held) response.end('{}')
      const samples = await run
      // Each timed from when it was due: the first waited about 1.3 s, the last about 0.3 s.
      expect(samples[0]?.latencyMs).toBeGreaterThan(1000)
      expect(samples.at(-1)?.latencyMs).toBeLessThan(samples[0]?.latencyMs ?? 0)
    } finally {
      mute.server.closeAllConnections()
      await new Promise((resolve) => mute.server.close(resolve))
    }
  }, 30_000)

  it('sends each request on a connection of its own, as independent users arrive', async () => {
    // Kept-alive connections let a blocked Node server answer the requests on connections it already
    // had first and hide the queue on the new ones (load-tests/engine/open-loop.ts).
    let connections = 0
    let requests = 0
    const counting = await listen((_request, response) => { requests++; response.end('{}') })
    counting.server.on('connection', () => { connections++ })
    try {
      const samples = await runOpenLoop({ url: counting.url, path: '/', rate: 100, durationS: 0.5, timeoutS: 10, maxSockets: 10 })
      expect(samples.filter((sample) => sample.status === 200)).toHaveLength(50)
      expect([requests, connections]).toEqual([50, 50])
    } finally {
      counting.server.closeAllConnections()
      await new Promise((resolve) => counting.server.close(resolve))
    }
  }, 30_000)

  it('above the bound, latency grows with time: twice the rate a serial server can serve', async () => {
    const samples = await runOpenLoop({ url: serial.url, path: '/', rate: 100, durationS: 2, timeoutS: 10, maxSockets: 200 })
    const summary = summarizeOpenLoop(samples, 10_000)
    expect(summary.unanswered).toBe(0)
    // Request i is due at 10 i ms and done at 20 (i + 1) ms at best: it waits 10 i + 20 ms, so the
    // median of the first second is about 0.5 s and of the second about 1.5 s (three times).
    expect(summary.perSecond.map((second) => second.sent)).toEqual([100, 100])
    expect(summary.endMs ?? 0).toBeGreaterThan(2 * (summary.startMs ?? Infinity))
    expect(summary.endMs ?? 0).toBeGreaterThanOrEqual(0.9 * (150 * 10 + 20))
  }, 30_000)
})
