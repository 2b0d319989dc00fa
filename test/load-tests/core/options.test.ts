import { describe, expect, it } from 'vitest'
import { Type } from '@sinclair/typebox'
import { DEFAULT_OPTIONS, helpText, OPTION_SPECS, parseLoadArgs, UsageError, type ScenarioListing } from '../../../load-tests/core/options.js'

/** A scenario with an option of its own, as a scenario folder declares it. */
const LONG: ScenarioListing = {
  name: 'long',
  summary: 'a long one',
  options: [{ flag: 'long', value: 'S', help: 'seconds of it', schema: Type.Integer({ minimum: 30, maximum: 100 }) }]
}

function options (args: string[]) {
  const parsed = parseLoadArgs(args, [LONG])
  if (parsed.help) throw new Error('expected options, got --help')
  return parsed.options
}

describe('parseLoadArgs', () => {
  it('defaults to the demo: 50 ms, 100 connections, 5 s per route, every pair, no sweep, no check', () => {
    expect(options([])).toEqual(DEFAULT_OPTIONS)
    expect(DEFAULT_OPTIONS).toMatchObject({ ms: 50, connections: 100, durationS: 5, json: false, check: false })
    expect(DEFAULT_OPTIONS.thresholds).toEqual({ asyncMin: 0.85, syncTolerance: 0.1, collapseMin: 0.5, healthMin: 10, queueMin: 0.9, openGrowthMin: 5 })
  })

  it('reads every option', () => {
    expect(options([
      '--url', 'http://127.0.0.1:3000', '--wait', '30', '--scenarios', 'delay,fetch', '--ms', '20', '--connections', '10', '--duration', '2',
      '--warmup', '0', '--sweep', '1, 10,100', '--out', 'here', '--json', '--check', '--check-async-min', '2', '--check-sync-tolerance', '0.05',
      '--check-collapse-min', '0.75', '--check-health-min', '20', '--check-queue-min', '0.8', '--rate', '40', '--check-open-growth-min', '3'
    ])).toEqual({
      url: 'http://127.0.0.1:3000',
      waitS: 30,
      scenarios: ['delay', 'fetch'],
      ms: 20,
      connections: 10,
      durationS: 2,
      warmupS: 0,
      sweep: [1, 10, 100],
      rate: 40,
      out: 'here',
      json: true,
      check: true,
      thresholds: { asyncMin: 2, syncTolerance: 0.05, collapseMin: 0.75, healthMin: 20, queueMin: 0.8, openGrowthMin: 3 },
      scenarioOptions: {}
    })
  })

  it('--server-env: NAME=VALUE pairs for the server it starts, refused with --url', () => {
    expect(options(['--server-env', 'LOG_LEVEL=debug,SHED_LOAD=true']).serverEnv).toEqual(['LOG_LEVEL=debug', 'SHED_LOAD=true'])
    expect(() => parseLoadArgs(['--server-env', 'log_level=debug'])).toThrow('--server-env must be a comma-separated list of 1 to 20 values, each a string of at most 200 characters of the form NAME=VALUE')
    expect(() => parseLoadArgs(['--server-env', 'LOG_LEVEL=debug', '--url', 'http://127.0.0.1:3000'])).toThrow('--server-env sets the environment of the server the load test starts: not with --url')
  })

  it('takes --pairs, the former name, as --scenarios, but not both at once', () => {
    expect(options(['--pairs', 'delay,soak']).scenarios).toEqual(['delay', 'soak'])
    expect(() => parseLoadArgs(['--pairs', 'delay', '--scenarios', 'fetch'])).toThrow('--pairs is the former name of --scenarios')
  })

  it("reads a scenario's own option into scenarioOptions, validated by the scenario's schema", () => {
    expect(options(['--long', '40']).scenarioOptions).toEqual({ long: 40 })
    expect(() => parseLoadArgs(['--long', '10'], [LONG])).toThrow('--long must be an integer from 30 to 100 (got "10")')
    expect(() => parseLoadArgs(['--long', '40'])).toThrow("Unknown option '--long'")
  })

  it("reads a scenario's list option as a comma-separated list, each item validated", () => {
    const lists: ScenarioListing = { name: 'lists', summary: 'x', options: [{ flag: 'counts', value: 'N,…', help: 'h', schema: Type.Array(Type.Integer({ minimum: 1, maximum: 8 }), { minItems: 1, maxItems: 3 }) }] }
    const parsed = parseLoadArgs(['--counts', '1, 2'], [lists])
    expect(parsed.help === false && parsed.options.scenarioOptions).toEqual({ counts: [1, 2] })
    expect(() => parseLoadArgs(['--counts', '1,0'], [lists])).toThrow('--counts must be a comma-separated list of 1 to 3 values, each an integer from 1 to 8 (got "1,0")')
  })

  it('--wait needs --url: it waits for a server the load test does not start', () => {
    expect(() => parseLoadArgs(['--wait', '10'])).toThrow('--wait waits for the server given by --url: give --url too')
    expect(() => parseLoadArgs(['--url', 'http://127.0.0.1:3000', '--wait', '0'])).toThrow('--wait must be an integer from 1 to 600 (got "0")')
  })

  it('--help wins over everything else', () => {
    expect(parseLoadArgs(['--ms', '5', '--help'])).toEqual({ help: true })
  })

  it.each([
    [['--ms', '0'], '--ms must be an integer from 1 to 10000 (got "0")'],
    [['--ms', '1e3'], '--ms must be an integer from 1 to 10000 (got "1e3")'],
    [['--ms', 'Infinity'], '--ms must be an integer from 1 to 10000 (got "Infinity")'],
    [['--connections', '5.5'], '--connections must be an integer from 1 to 2000 (got "5.5")'],
    [['--duration=-1'], '--duration must be an integer from 1 to 600 (got "-1")'],
    [['--sweep', '1,,3'], '--sweep must be a comma-separated list of 1 to 12 values, each an integer from 1 to 2000 (got "1,,3")'],
    [['--sweep', '1,2,3,4,5,6,7,8,9,10,11,12,13'], '--sweep must be a comma-separated list of 1 to 12 values'],
    [['--scenarios', 'Delay'], '--scenarios must be a comma-separated list of 1 to 20 values, each a string of at most 40 characters of lowercase letters'],
    [['--check-async-min=-0.1'], '--check-async-min must be a number from 0 to 100 (got "-0.1")'],
    [['--rate', '0'], '--rate must be an integer from 1 to 1000 (got "0")'],
    [['--check-health-min', 'x'], '--check-health-min must be a number from 0 to 1000000 (got "x")'],
    [['--url', 'localhost:3000'], '--url must be an http:// or https:// URL (got "localhost:3000")'],
    [['--url', 'file:///etc/passwd'], '--url must be an http:// or https:// URL'],
    [['--nope'], "Unknown option '--nope'"],
    [['--json=yes'], "Option '--json' does not take an argument"],
    [['extra'], "Unexpected argument 'extra'"]
  ])('%j is refused with a message naming the option', (args, message) => {
    expect(() => parseLoadArgs(args)).toThrow(UsageError)
    expect(() => parseLoadArgs(args)).toThrow(message)
  })
})

it('the help text lists every option with its default, and the scenarios', () => {
  const text = helpText([{ name: 'delay', summary: 'the delay pair' }, LONG])
  for (const spec of OPTION_SPECS) expect(text).toMatch(new RegExp(`^ {2}--${spec.flag}\\b`, 'm'))
  expect(text).toMatch(/^ {2}--long S +long: seconds of it$/m)
  expect(text).toContain('(default: 50)')
  expect(text).toContain('(default: 0.9)')
  expect(text).toMatch(/^ {2}delay +the delay pair$/m)
})
