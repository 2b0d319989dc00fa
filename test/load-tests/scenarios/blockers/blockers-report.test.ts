import { expect, it } from 'vitest'
import { blockerVerdicts } from '../../../../load-tests/scenarios/blockers/blockers-report.js'
import { DEFAULT_OPTIONS } from '../../../../load-tests/core/options.js'
import type { RouteRun } from '../../../../load-tests/core/route-run.js'

function run (label: string, healthP99Ms: number): RouteRun {
  return { label, path: `/${label.replace(' ', '/')}`, health: { p99Ms: healthP99Ms } } as unknown as RouteRun
}

it('one /health check per blocker, passed when the blocking run held it healthMin times longer', () => {
  const verdicts = blockerVerdicts([run('regex remedy', 10), run('regex blocking', 2000), run('json remedy', 100), run('json blocking', 500)], DEFAULT_OPTIONS.thresholds)
  expect(verdicts).toHaveLength(3)
  expect(verdicts.slice(1).map((verdict) => [verdict.passed, verdict.check?.measured])).toEqual([[true, 200], [false, 5]])
  expect(verdicts[0]?.passed).toBe(false)
  expect(verdicts[0]?.text).toContain('2 blocking routes')
})

it('a blocker without both runs is left out', () => {
  expect(blockerVerdicts([run('fs remedy', 10)], DEFAULT_OPTIONS.thresholds)).toHaveLength(1)
})
