import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { getUpstreamBlocking } from '../../src/upstream-clients/blocking-client.js'
import { getUpstream, getUpstreamWithCallback, parseServerTiming, upstreamDelayUrl } from '../../src/upstream-clients/upstream-client.js'
import { listenOnLoopback } from '../helpers/stand-in-server.js'
import { timed } from '../helpers/timing.js'
import { deadUrl, sharedTestUpstream } from '../helpers/upstream.js'

let upstream: { url: string }
beforeAll(async () => { upstream = await sharedTestUpstream() })

const CLIENTS = [
  { name: 'fetch (promise)', get: getUpstream },
  { name: 'node:http (callback)', get: promisify(getUpstreamWithCallback) },
  { name: 'blocking (worker + Atomics.wait)', get: async (url: string, timeoutMs: number) => getUpstreamBlocking(url, timeoutMs) }
]

describe.each(CLIENTS)('$name client', ({ get }) => {
  it('returns the upstream\'s own time and the body size', async () => {
    // expect.any(Number) would accept NaN: the time must be a finite number of at least the wait asked for.
    const json = await get(upstreamDelayUrl(upstream.url, 20), 5000)
    expect(Object.keys(json ?? {}).sort()).toEqual(['bytes', 'upstreamMs'])
    expect(json?.upstreamMs).toBeGreaterThanOrEqual(19)
    expect(json?.upstreamMs).toBeLessThan(5000)
    expect(json?.bytes).toBeGreaterThan(0)
    const answer = await get(`${upstream.url}/upstream/delay?ms=20&bytes=5000`, 5000)
    expect(answer?.upstreamMs).toBeGreaterThanOrEqual(19)
    expect(answer?.bytes).toBe(5000)
  })

  it('gives up after its timeout with a 504 error', async () => {
    const { value: error, ms } = await timed(async () => get(upstreamDelayUrl(upstream.url, 2000), 100).catch((failure: unknown) => failure))
    expect(error).toMatchObject({ code: 'LAB_ERR_UPSTREAM_TIMEOUT', statusCode: 504 })
    expect(ms).toBeLessThan(1500)
  })

  it('fails with a 502 error when nothing listens, or when the upstream answers an error', async () => {
    await expect(get(upstreamDelayUrl(await deadUrl(), 1), 2000)).rejects.toMatchObject({ code: 'LAB_ERR_UPSTREAM_FAILED', statusCode: 502 })
    await expect(get(`${upstream.url}/upstream/delay?ms=abc`, 2000)).rejects.toMatchObject({
      statusCode: 502,
      message: expect.stringContaining('the upstream answered 400')
    })
  })
})

it.each([
  ['work;dur=12.3', 12.3], ['db;dur=4, work;dur=5', 4], ['work;desc="x";dur=7', 7], ['work', null], ['work;dur=', null], ['', null], [null, null]
])('parseServerTiming(%j) = %j', (header, expected) => {
  expect(parseServerTiming(header)).toBe(expected)
})

it('the deadlock: a blocking call to a server on the calling thread is never answered', async () => {
  let handled = 0
  const server = await listenOnLoopback((_request, response) => { handled += 1; response.end('ok') })
  try {
    const started = performance.now()
    // The server can only answer on this thread's event loop, and this thread is asleep waiting.
    expect(() => getUpstreamBlocking(`${server.url}/`, 300)).toThrow(expect.objectContaining({ statusCode: 504 }))
    expect(performance.now() - started).toBeGreaterThanOrEqual(290)
    expect(handled).toBe(0)
  } finally {
    await server.close()
  }
})
