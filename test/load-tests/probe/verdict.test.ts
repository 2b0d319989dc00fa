// The verdict from the numbers alone: each kind needs both of its conditions, and the evidence the
// probe could not trust (failures, too few connections, a silent victim) is inconclusive.
import { describe, expect, it } from 'vitest'
import type { ProbeRaw, ProbeStep, SerialTiming } from '../../../load-tests/probe/results.js'
import { judgeProbe } from '../../../load-tests/probe/verdict.js'

const T_MS = 50

function serial (p50Ms: number): SerialTiming {
  return { p50Ms, p99Ms: p50Ms, sent: 5, ok: 5, non2xx: 0, errors: 0, samples: [] }
}

/** A step whose suspect served `reqPerSec` and whose victim answered in `victimMs` (p50). */
function step (connections: number, reqPerSec: number, victimMs: number | null, failed = { errors: 0, non2xx: 0 }): ProbeStep {
  const ok = Math.round(reqPerSec * 2)
  return {
    connections,
    durationS: 2,
    sent: ok + failed.errors + failed.non2xx,
    ok,
    reqPerSec,
    errors: failed.errors,
    timeouts: 0,
    non2xx: failed.non2xx,
    statusCodes: {},
    latencyMs: { p50: T_MS, p99: T_MS, max: T_MS },
    cappedByRequests: false,
    victim: { p50Ms: victimMs, p99Ms: victimMs, maxMs: victimMs, sent: 20, answered: victimMs === null ? 0 : 20, failed: victimMs === null ? 20 : 0, samples: [] },
    drainBefore: { waitedMs: 0, polls: 2 }
  }
}

function raw (steps: ProbeStep[]): ProbeRaw {
  return { suspect: serial(T_MS), victimAtRest: serial(1), tMs: T_MS, tFrom: 'serial requests', steps, skipped: [], suspectRequestsPerStep: 1000, requestsSent: 100 }
}

// 16 connections × 50 ms: one round of the suspect's requests is 800 ms; serial bound 20 req/s, concurrent 320.
describe('judgeProbe', () => {
  it('blocks: flat at the serial bound and the victim waits a good part of one round', () => {
    const judgement = judgeProbe(raw([step(1, 19, 30), step(16, 19.5, 700)]))
    expect(judgement.kind).toBe('blocks')
    expect(judgement.text).toMatch(/^blocks the event loop: 19\.5 req\/s at 16 connections = 1× the serial bound 20, 6\.1 % of the concurrent bound 320; victim p50 700 ms/)
  })

  it('does not block: throughput near its concurrent bound and the victim at its resting time', () => {
    expect(judgeProbe(raw([step(1, 19, 1), step(16, 300, 3)])).kind).toBe('does-not-block')
  })

  it('saturates something else: flat above the serial bound (a pool of 2) while the victim stays fast', () => {
    expect(judgeProbe(raw([step(1, 19, 1), step(16, 39, 2)])).kind).toBe('saturates-elsewhere')
  })

  it('is not "blocks" when the victim stays fast, however flat the throughput', () => {
    expect(judgeProbe(raw([step(16, 19.5, 2)])).kind).toBe('saturates-elsewhere')
  })

  it('is inconclusive when the throughput grows but the victim slows (short of CPU)', () => {
    const judgement = judgeProbe(raw([step(16, 300, 400)]))
    expect(judgement.kind).toBe('inconclusive')
    expect(judgement.text).toContain('short of CPU')
  })

  it('is inconclusive when flat and slowed far above the serial bound: part of each request may block', () => {
    expect(judgeProbe(raw([step(16, 60, 400)])).text).toMatch(/^inconclusive \(flat and the victim slowed, but at 3× the serial bound/)
  })

  it('is inconclusive with the victim between fast and slowed', () => {
    expect(judgeProbe(raw([step(16, 19.5, 40)])).kind).toBe('inconclusive')
  })

  it('is inconclusive when more than 5 % of the answers failed, and says so', () => {
    const judgement = judgeProbe(raw([step(16, 19.5, 700, { errors: 2, non2xx: 1 })]))
    expect(judgement.kind).toBe('inconclusive')
    expect(judgement.evidence.find((line) => line.text.startsWith('failures'))).toEqual({ passed: false, text: expect.stringMatching(/^failures: 3 of 42 suspect requests/) })
  })

  it('keeps a verdict with a few failures, and reports them', () => {
    const judgement = judgeProbe(raw([step(16, 300, 3, { errors: 1, non2xx: 0 })]))
    expect(judgement.kind).toBe('does-not-block')
    expect(judgement.evidence.some((line) => !line.passed && line.text.startsWith('failures: 1 of 601'))).toBe(true)
  })

  it('is inconclusive below 4 connections, with no step, and when the victim never answered', () => {
    expect(judgeProbe(raw([step(2, 19.5, 700)])).text).toContain('at least 4 are needed')
    expect(judgeProbe(raw([])).text).toBe('inconclusive: no step ran')
    expect(judgeProbe(raw([step(16, 19.5, null)])).text).toContain('the victim answered none')
  })
})
