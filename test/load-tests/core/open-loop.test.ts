import { expect, it } from 'vitest'
import { summarizeOpenLoop, type OpenLoopSample } from '../../../load-tests/core/open-loop.js'

it('sums up an open-loop run per second of sending: the growth from the first to the last, unanswered at the timeout', () => {
  // 4 req/s for 3 s against a queue that grows by 100 ms per request; the last request never answered.
  const samples: OpenLoopSample[] = Array.from({ length: 12 }, (_, i) => ({ atMs: i * 250, latencyMs: i === 11 ? null : 50 + i * 100, status: i === 11 ? 0 : 200 }))
  const summary = summarizeOpenLoop(samples, 10_000)
  expect(summary).toMatchObject({ sent: 12, answered: 11, unanswered: 1, latencyIsLowerBound: true })
  expect(summary.perSecond.map((second) => [second.second, second.sent, second.lowerBound])).toEqual([[0, 4, false], [1, 4, false], [2, 4, true]])
  expect(summary.startMs).toBe(150) // 50, 150, 250, 350: nearest-rank median
  expect(summary.endMs).toBe(950) // 850, 950, 1050 and the unanswered one at 10 s
  expect(summary.latencyMs.max).toBe(10_000)
})
