// The lab page's worst /health wait during a run: what counts when checks straddle the moment the
// page learns the load began.
import { describe, expect, it } from 'vitest'
import { worstWaitSince } from '../../src/lab/page/worst-wait.js'

describe('worstWaitSince', () => {
  it('counts a check sent after the window opened with its whole round trip', () => {
    expect(worstWaitSince([{ sentAt: 100.5, ms: 900 }, { sentAt: 101.5, ms: 40 }], 100)).toBe(900)
  })

  it('counts a check held across the window opening with its wait after it, not before', () => {
    // Sent 0.3 s before the page learned the load had begun, answered 7 s later: 6.7 s of it is the run's.
    expect(worstWaitSince([{ sentAt: 99.7, ms: 7000 }, { sentAt: 106.8, ms: 5 }], 100)).toBeCloseTo(6700, 6)
  })

  it('counts nothing of a check answered before the window opened, however slow', () => {
    expect(worstWaitSince([{ sentAt: 97, ms: 2500 }, { sentAt: 100.2, ms: 8 }], 100)).toBe(8)
  })

  it('is 0 with no checks', () => {
    expect(worstWaitSince([], 100)).toBe(0)
  })
})
