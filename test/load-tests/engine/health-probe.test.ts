// The /health probe and the drain wait against a stand-in server whose /health latency the test sets.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { waitForDrain } from '../../../load-tests/engine/drain.js'
import { startHealthProbe, summarizeProbe } from '../../../load-tests/engine/health-probe.js'

let healthDelayMs = 0
let healthRequests = 0
const paths: string[] = []
let server: Server
let url: string

beforeAll(async () => {
  server = createServer((request, response) => {
    healthRequests++
    paths.push(request.url ?? '')
    setTimeout(() => response.end('{"status":"ok"}'), healthDelayMs)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

it('the probe sends on schedule, stops at maxSamples, and waits for the answers still out', async () => {
  healthDelayMs = 60
  const probe = startHealthProbe(url, { intervalMs: 10, maxSamples: 5, timeoutMs: 2000 })
  await new Promise((resolve) => setTimeout(resolve, 150))
  const samples = await probe.stop()
  expect(samples).toHaveLength(5)
  // Sent every 10 ms without waiting for the 60 ms answers: the sends overlap.
  expect((samples[4]?.atMs ?? 0) - (samples[0]?.atMs ?? 0)).toBeLessThan(60)
  expect(samples.every((sample) => sample.status === 200 && (sample.latencyMs ?? 0) >= 55)).toBe(true)
  expect(summarizeProbe(samples)).toMatchObject({ sent: 5, answered: 5, failed: 0 })
})

it('a probe started before its window keeps only the samples sent from countFromNow, timed from it', async () => {
  healthDelayMs = 0
  const before = healthRequests
  const probe = startHealthProbe(url, { intervalMs: 10, maxSamples: 3, timeoutMs: 2000 })
  await new Promise((resolve) => setTimeout(resolve, 55))
  probe.countFromNow()
  await new Promise((resolve) => setTimeout(resolve, 100))
  const samples = await probe.stop()
  const sent = healthRequests - before
  // Some were sent before the mark, and they are left out; maxSamples bounds the ones after it.
  expect(sent).toBeGreaterThan(samples.length)
  expect(samples).toHaveLength(3)
  expect(samples.every((sample) => sample.atMs >= 0 && sample.atMs < 60)).toBe(true)
})

it('an answer slower than the timeout is a failed sample, not a hang', async () => {
  healthDelayMs = 500
  const probe = startHealthProbe(url, { intervalMs: 10, maxSamples: 2, timeoutMs: 50 })
  await new Promise((resolve) => setTimeout(resolve, 40))
  const samples = await probe.stop()
  expect(samples.map((sample) => [sample.latencyMs, sample.status])).toEqual([[null, 0], [null, 0]])
  expect(summarizeProbe(samples)).toEqual({ p50Ms: null, p99Ms: null, maxMs: null, sent: 2, answered: 0, failed: 2 })
})

it('the drain wait returns only after two /health answers under 10 ms in a row', async () => {
  healthDelayMs = 30
  setTimeout(() => { healthDelayMs = 0 }, 200)
  const before = healthRequests
  const messages: string[] = []
  const drained = await waitForDrain(url, 5000, (message) => messages.push(message))
  expect(drained.waitedMs).toBeGreaterThanOrEqual(190)
  expect(drained.polls).toBe(healthRequests - before)
  expect(messages[0]).toMatch(/^draining: \/health took \d+ ms, waiting for 2 answers under 10 ms$/)
})

it('the drain wait gives up after its timeout with a message saying why', async () => {
  healthDelayMs = 30
  await expect(waitForDrain(url, 100)).rejects.toThrow(/did not drain: \/health still slower than 10 ms after \d+ ms/)
})

it('the drain wait can probe another path: a job queued behind a backlog /health does not see', async () => {
  healthDelayMs = 0
  paths.length = 0
  const messages: string[] = []
  await waitForDrain(url, 5000, (message) => messages.push(message), '/async/hash?iterations=1')
  // At least the two fast answers; more when a busy machine made one of them slower than 10 ms.
  expect(paths.length).toBeGreaterThanOrEqual(2)
  expect(new Set(paths)).toEqual(new Set(['/async/hash?iterations=1']))
  healthDelayMs = 30
  await expect(waitForDrain(url, 100, () => {}, '/async/hash?iterations=1'))
    .rejects.toThrow(/did not drain: \/async\/hash\?iterations=1 still slower than 10 ms/)
})
