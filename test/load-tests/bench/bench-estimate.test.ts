// How long the bench says it will take, before it starts: nine minutes at the defaults was a surprise
// nothing announced.
import { expect, it } from 'vitest'
import { BENCH_HELP, estimatedBenchSeconds, parseBenchArgs } from '../../../load-tests/bench/bench-options.js'

const optionsOf = (args: string[]) => {
  const parsed = parseBenchArgs(args)
  if (parsed.help) throw new Error('asked for help')
  return parsed.options
}

it('estimates the defaults at about nine minutes (the measured run took 9.5), and --help says so', () => {
  const seconds = estimatedBenchSeconds(optionsOf([]))
  expect(seconds).toBeGreaterThan(8 * 60)
  expect(seconds).toBeLessThan(11 * 60)
  expect(BENCH_HELP).toContain(`about ${Math.round(seconds / 60)} minutes`)
})

it('grows with rounds, targets, warm-up and duration; two targets for three rounds take about two minutes (measured: 2 min 5 s)', () => {
  const two = optionsOf(['--targets', 'default,default-async'])
  expect(estimatedBenchSeconds(two)).toBeGreaterThan(100)
  expect(estimatedBenchSeconds(two)).toBeLessThan(140)
  expect(estimatedBenchSeconds({ ...two, rounds: 6 })).toBeCloseTo(2 * estimatedBenchSeconds(two))
  expect(estimatedBenchSeconds({ ...two, warmupS: 0 })).toBeLessThan(estimatedBenchSeconds(two))
  expect(estimatedBenchSeconds({ ...two, durationS: 10 })).toBeGreaterThan(estimatedBenchSeconds(two))
  expect(estimatedBenchSeconds(optionsOf(['--targets', 'default']))).toBeLessThan(estimatedBenchSeconds(two))
})
