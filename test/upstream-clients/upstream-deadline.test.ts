// A blocked loop runs its expired timers before it reads its sockets. The upstream call's deadline
// gives back the time the loop was blocked, so an answer that arrived in time is not lost to a timer
// that fired late — and when time does run out behind a block, the error says so.
import { beforeAll, expect, it } from 'vitest'
import { busyWait } from '../../src/work/busy-wait.js'
import { upstreamDeadline } from '../../src/upstream-clients/upstream-deadline.js'
import { getUpstream, upstreamDelayUrl } from '../../src/upstream-clients/upstream-client.js'
import { pause } from '../helpers/timing.js'
import { sharedTestUpstream } from '../helpers/upstream.js'

let upstream: { url: string }
beforeAll(async () => { upstream = await sharedTestUpstream() })

it('an answer that came in time while the loop was blocked past the timeout is still read, not a 504', async () => {
  const call = getUpstream(upstreamDelayUrl(upstream.url, 20), 200)
  // The upstream (another thread) answers after 20 ms; this loop is blocked until 600 ms, long past 200 ms.
  busyWait(600)
  const answer = await call
  expect(answer.upstreamMs).toBeGreaterThanOrEqual(19)
})

it('without a block, the deadline aborts on time with LAB_ERR_UPSTREAM_TIMEOUT', async () => {
  const { signal, clear } = upstreamDeadline('http://upstream/x', 100)
  await pause(300)
  clear()
  expect(signal.aborted).toBe(true)
  expect(signal.reason).toMatchObject({ code: 'LAB_ERR_UPSTREAM_TIMEOUT', statusCode: 504 })
})

it('time that runs out behind a block is reported as LAB_ERR_LOOP_BLOCKED, naming the block', async () => {
  const { signal, clear } = upstreamDeadline('http://upstream/x', 100)
  busyWait(400)
  // The timer fired ~300 ms late: the call gets those 300 ms back, so it is not aborted yet…
  await pause(10)
  expect(signal.aborted).toBe(false)
  // …and when they are up with no answer, the error blames the block, not the upstream.
  await pause(600)
  clear()
  expect(signal.aborted).toBe(true)
  expect(signal.reason).toMatchObject({ code: 'LAB_ERR_LOOP_BLOCKED', statusCode: 504 })
  expect((signal.reason as Error).message).toMatch(/event loop was blocked for \d+ ms/)
})
