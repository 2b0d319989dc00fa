// The live feed's costs and counts, in process: nothing runs and nothing is counted while nobody
// watches; while someone does, each route's requests are counted until they finish.
import { afterEach, describe, expect, it } from 'vitest'
import { LabFeed, TICK_MS, type FeedEvent } from '../../src/lab/feed.js'

const feeds: LabFeed[] = []
afterEach(() => { for (const feed of feeds.splice(0)) feed.stop() })

function feedWith (events: FeedEvent[]): LabFeed {
  const feed = new LabFeed((event) => { events.push(event) }, () => null)
  feeds.push(feed)
  return feed
}

const sleep = async (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('LabFeed', () => {
  it('counts nothing and sends nothing before it starts', async () => {
    const events: FeedEvent[] = []
    const feed = feedWith(events)
    expect(feed.running).toBe(false)
    expect(feed.track('/sync/delay')).toBeUndefined()
    await sleep(TICK_MS * 2)
    expect(events).toEqual([])
  })

  it('once started, reports in-flight and completed requests per route every tick, and stops when told', async () => {
    const events: FeedEvent[] = []
    const feed = feedWith(events)
    feed.start()
    const first = feed.track('/async/delay')
    const second = feed.track('/async/delay')
    feed.track('/health')?.()
    first?.()
    await sleep(TICK_MS * 1.5)
    expect(events.length).toBeGreaterThanOrEqual(1)
    const [event] = events
    expect(event?.routes['/async/delay']?.inFlight).toBe(1)
    expect(event?.routes['/async/delay']?.reqPerSec).toBeGreaterThan(0)
    expect(event?.routes['/health']?.inFlight).toBe(0)
    expect(event?.loop.utilization).toBeGreaterThanOrEqual(0)
    second?.()

    feed.stop()
    const sent = events.length
    await sleep(TICK_MS * 2)
    expect(events.length).toBe(sent)
    expect(feed.track('/async/delay')).toBeUndefined()
  })

  it('reports a stall as the late tick it caused, even when the delay monitor missed it', async () => {
    const events: FeedEvent[] = []
    const feed = feedWith(events)
    feed.start()
    await sleep(TICK_MS / 2)
    const until = performance.now() + 600
    while (performance.now() < until) { /* hold the loop, as /sync/delay does */ }
    await sleep(TICK_MS)
    expect(Math.max(...events.map((event) => event.loop.maxMs))).toBeGreaterThanOrEqual(300)
    expect(Math.max(...events.map((event) => event.windowMs))).toBeGreaterThanOrEqual(500)
  })
})
