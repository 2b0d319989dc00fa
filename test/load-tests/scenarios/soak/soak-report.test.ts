import { describe, expect, it } from 'vitest'
import { soakCharts, soakTable, soakVerdict, steadyWindows, type MemorySample, type SoakRaw } from '../../../../load-tests/scenarios/soak/soak-report.js'

const MIB = 2 ** 20

/** A heap sawtooth (collections every 4 s) on a floor that rises by `floorGrowthPerS` MiB a second. */
function soak (floorGrowthPerS: number): SoakRaw {
  const during: MemorySample[] = Array.from({ length: 59 }, (_, i) => {
    const atS = i + 1
    return { atS, rssBytes: (100 + floorGrowthPerS * atS) * MIB, heapUsedBytes: (20 + floorGrowthPerS * atS + 3 * (atS % 4)) * MIB }
  })
  return {
    path: '/async/delay?ms=50',
    connections: 100,
    durationS: 60,
    requests: 120_000,
    errors: 0,
    before: { atS: 0, rssBytes: 80 * MIB, heapUsedBytes: 15 * MIB },
    during,
    after: { atS: 62, rssBytes: 101 * MIB, heapUsedBytes: 19 * MIB }
  }
}

describe('the soak report', () => {
  it('compares windows of the steady load, after a 20 % warm-up', () => {
    const { early, late } = steadyWindows(soak(0))
    expect(early[0]?.atS).toBe(12)
    expect(early).toHaveLength(10)
    expect(late.at(-1)?.atS).toBe(59)
    expect(late).toHaveLength(10)
  })

  it('a sawtooth on a flat floor is not growth; warm-up growth is shown, not flagged', () => {
    const raw = soak(0)
    expect(soakVerdict(raw)).toEqual({ text: 'soak 60 s: RSS +0.0 %, heap used +0.0 % from early to late steady load (within 10.0 %)', passed: true })
    const rows = Object.fromEntries(soakTable(raw).rows.map(([phase = '', ...cells]) => [phase, cells]))
    expect(rows['growth, before → after']).toEqual(['26.2 %', '26.7 %'])
    expect(rows['peak during the load']).toEqual(['100.0 MiB', '29.0 MiB'])
  })

  it('flags memory that keeps growing under the same load', () => {
    const verdict = soakVerdict(soak(0.2))
    expect(verdict.passed).toBe(false)
    expect(verdict.text).toMatch(/heap used \+\d+\.\d %.*heap used grew over 10\.0 %: look for a leak$/)
  })

  it('charts both memories over time, before and after included', () => {
    const raw = soak(0)
    const [chart] = soakCharts(raw, soakVerdict(raw))
    expect(chart?.caption.startsWith(`${soakVerdict(raw).text}. `)).toBe(true)
    const values = (chart?.spec.data as { values: Array<{ memory: string }> }).values
    expect(values).toHaveLength(2 * (59 + 2))
    expect(new Set(values.map((value) => value.memory))).toEqual(new Set(['RSS', 'heap used']))
  })
})
