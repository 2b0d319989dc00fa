import { availableParallelism } from 'node:os'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.js'

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      PORT: 3000,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SLOW_REQUEST_MS: 1000,
      METRICS: true,
      LOOP_STATS: true,
      REQUEST_IDS: true,
      MAX_DELAY_MS: 10000,
      SHUTDOWN_GRACE_MS: 10000,
      WORKERS: 1,
      COMPUTE_POOL_SIZE: availableParallelism(),
      JOBS_MAX: 1000,
      JOB_TTL_MS: 60000,
      SHED_LOAD: false,
      MAX_EVENT_LOOP_DELAY_MS: 0,
      MAX_EVENT_LOOP_UTILIZATION: 0,
      STALL_WARN_MS: 100,
      LAB_RUNS: true,
      UV_THREADPOOL_SIZE: 4
    })
  })

  it('reads LAB_RUNS=false, and refuses a LAB_RUNS that is not a boolean', () => {
    expect(loadConfig({ LAB_RUNS: 'false' }).LAB_RUNS).toBe(false)
    expect(() => loadConfig({ LAB_RUNS: 'off' })).toThrow(/LAB_RUNS/)
  })

  it('reads values from the environment and ignores variables it does not know', () => {
    const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', LOG_LEVEL: 'warn', MAX_DELAY_MS: '500', OTHER: 'x' })
    expect(config).toMatchObject({ PORT: 8080, HOST: '0.0.0.0', LOG_LEVEL: 'warn', MAX_DELAY_MS: 500 })
    expect(config).not.toHaveProperty('OTHER')
  })

  it.each([
    ['PORT', 'abc'], ['PORT', '70000'], ['PORT', '-1'], ['PORT', '5.5'], ['PORT', '1e3'], ['PORT', 'Infinity'], ['PORT', ''],
    ['MAX_DELAY_MS', '-5'], ['MAX_DELAY_MS', '99999999999'], ['SHUTDOWN_GRACE_MS', '0'], ['LOG_LEVEL', 'verbose'], ['HOST', ''],
    ['SHED_LOAD', 'yes'], ['SHED_LOAD', '1'], ['MAX_EVENT_LOOP_DELAY_MS', '-1'], ['MAX_EVENT_LOOP_DELAY_MS', '20.5'],
    ['MAX_EVENT_LOOP_UTILIZATION', '1.5'], ['MAX_EVENT_LOOP_UTILIZATION', '.9'], ['MAX_EVENT_LOOP_UTILIZATION', 'NaN'],
    ['UPSTREAM_URL', ''], ['UPSTREAM_URL', 'localhost:3001'], ['UPSTREAM_URL', 'ftp://127.0.0.1'], ['UPSTREAM_URL', 'http://a b'],
    ['UPSTREAM_URL', `http://${'a'.repeat(3000)}`], ['UV_THREADPOOL_SIZE', '0'], ['UV_THREADPOOL_SIZE', '1025'], ['UV_THREADPOOL_SIZE', '4.5'],
    ['WORKERS', 'abc'], ['WORKERS', '0'], ['WORKERS', '2.5'], ['WORKERS', 'AUTO'], ['WORKERS', '']
  ])('refuses %s=%j with one line naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError)
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name} must be `))
  })

  it('reads the load-shedding settings strictly', () => {
    expect(loadConfig({ SHED_LOAD: 'true', MAX_EVENT_LOOP_DELAY_MS: '20', MAX_EVENT_LOOP_UTILIZATION: '0.9' }))
      .toMatchObject({ SHED_LOAD: true, MAX_EVENT_LOOP_DELAY_MS: 20, MAX_EVENT_LOOP_UTILIZATION: 0.9 })
  })

  it('refuses SHED_LOAD=true without a threshold to shed at', () => {
    expect(() => loadConfig({ SHED_LOAD: 'true' })).toThrow(/^SHED_LOAD=true needs a threshold: MAX_EVENT_LOOP_DELAY_MS and\/or MAX_EVENT_LOOP_UTILIZATION/)
  })
})

it('WORKERS=auto is one process per available core; a bad WORKERS names auto among the allowed values', () => {
  expect(loadConfig({ WORKERS: 'auto' }).WORKERS).toBe(availableParallelism())
  expect(loadConfig({ WORKERS: '3' }).WORKERS).toBe(3)
  expect(() => loadConfig({ WORKERS: '0' })).toThrow('WORKERS must be an integer from 1 to 1024 or auto (got "0")')
})

it('UPSTREAM_URL is optional: unset means the server starts its own upstream', () => {
  expect(loadConfig({})).not.toHaveProperty('UPSTREAM_URL')
  expect(loadConfig({ UPSTREAM_URL: 'http://127.0.0.1:3001' }).UPSTREAM_URL).toBe('http://127.0.0.1:3001')
})

it('a bad UPSTREAM_URL is named with the form it must take', () => {
  expect(() => loadConfig({ UPSTREAM_URL: 'localhost:3001' })).toThrow('UPSTREAM_URL must be an http:// or https:// URL of at most 2048 characters (got "localhost:3001")')
})

it('LAB_FAULTS (tests only) is unset by default, takes known fault names, and names them when refusing another', () => {
  expect(loadConfig({})).not.toHaveProperty('LAB_FAULTS')
  expect(loadConfig({ LAB_FAULTS: 'upstream-exit,blocking-client-stall' }).LAB_FAULTS).toBe('upstream-exit,blocking-client-stall')
  for (const bad of ['', 'crash', 'upstream-exit,', 'upstream-exit,crash']) {
    expect(() => loadConfig({ LAB_FAULTS: bad })).toThrow(/^LAB_FAULTS must be a comma-separated list of: blocking-client-exit, blocking-client-stall, upstream-exit/)
  }
})
