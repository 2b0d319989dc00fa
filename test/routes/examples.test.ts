import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, withTestApp } from '../helpers/build-test-app.js'
import type { ExampleRun } from '../../src/examples/catalog.js'

// 20 ms units: long enough that timer and scheduling noise stays small next to the waits.
const UNIT_MS = 20
const SERIAL_MS = 32 * UNIT_MS
const CONCURRENT_MS = 17 * UNIT_MS

let app: FastifyInstance
beforeAll(async () => { app = await buildTestApp() })
afterAll(async () => { await app.close() })

async function run (n: number, unitMs = UNIT_MS): Promise<ExampleRun> {
  const response = await app.inject(`/examples/${n}?unitMs=${unitMs}`)
  expect(response.statusCode).toBe(200)
  return response.json()
}

const lines = (result: ExampleRun): string[] => result.trace.map(({ line }) => line)
const workers = (result: ExampleRun): string[] => lines(result).filter((line) => line.endsWith(' running')).map((line) => line.split(' ')[1] ?? '')
const totals = (result: ExampleRun, name: string): string[] => lines(result).filter((line) => line.startsWith(`Task ${name} total: `))

/** One, Two, One, Two… for the 15 steps both have work, then One alone for its last 2. */
const ALTERNATING = [...Array.from({ length: 15 }, () => ['One', 'Two']).flat(), 'One', 'One']

it.each([1, 2, 3, 4, 5, 6, 7, 8])('example %i answers its trace, in order, with its timing and its lesson', async (n) => {
  const result = await run(n, 1)
  expect(result).toMatchObject({ example: n, articleFile: `example_${n}.py`, unitMs: 1, expectedMs: expect.any(Number) })
  expect(result.title.length).toBeGreaterThan(10)
  expect(result.lesson.length).toBeGreaterThan(30)
  const offsets = result.trace.map(({ atMs }) => atMs)
  expect(offsets).toEqual([...offsets].sort((a, b) => a - b))
  expect(result.elapsedMs).toBeGreaterThanOrEqual(offsets.at(-1) ?? 0)
})

it('example 1: Task One does all the work; Task Two finds nothing to do', async () => {
  const result = await run(1)
  expect(new Set(workers(result))).toEqual(new Set(['One']))
  expect(workers(result)).toHaveLength(32)
  expect(totals(result, 'One')).toEqual(['Task One total: 15', 'Task One total: 10', 'Task One total: 5', 'Task One total: 2'])
  expect(lines(result).at(-1)).toBe('Task Two nothing to do')
  expect(result.expectedMs).toBe(0)
})

it('example 2: One and Two alternate, each taking work from the same queue', async () => {
  const result = await run(2)
  expect(workers(result)).toEqual(ALTERNATING)
  expect(totals(result, 'One')).toEqual(['Task One total: 15', 'Task One total: 2'])
  expect(totals(result, 'Two')).toEqual(['Task Two total: 10', 'Task Two total: 5'])
})

it('example 3: they alternate, but the blocking waits add up to at least the sum of all steps', async () => {
  const result = await run(3)
  expect(workers(result)).toEqual(ALTERNATING)
  expect(result.expectedMs).toBe(SERIAL_MS)
  expect(result.elapsedMs).toBeGreaterThanOrEqual(SERIAL_MS - 1)
  expect(lines(result).at(-1)).toMatch(/^Total elapsed time: \d+\.\d ms$/)
})

describe('the non-blocking examples overlap their waits', () => {
  const results = new Map<number, ExampleRun>()
  beforeAll(async () => {
    // The non-blocking ones at once, as they claim they can be; the blocking one (5) alone, after.
    await Promise.all([4, 6, 7, 8].map(async (n) => { results.set(n, await run(n)) }))
    results.set(5, await run(5))
  })
  const elapsed = (n: number): number => results.get(n)?.elapsedMs ?? Number.NaN

  it('example 4: both tasks start at once, and the total is about half the sum', () => {
    expect(workers(results.get(4) as ExampleRun).slice(0, 2)).toEqual(['One', 'Two'])
    expect(results.get(4)?.expectedMs).toBe(CONCURRENT_MS)
    expect(elapsed(4)).toBeGreaterThanOrEqual(CONCURRENT_MS - 1)
    expect(elapsed(4)).toBeLessThan(SERIAL_MS * 0.8)
  })

  it('example 5: blocking downloads, one at a time: at least the sum of the calls', () => {
    expect(lines(results.get(5) as ExampleRun).filter((line) => line.includes('getting URL')).map((line) => line.split(' ')[1]))
      .toEqual(['One', 'Two', 'One', 'Two'])
    expect(elapsed(5)).toBeGreaterThanOrEqual(SERIAL_MS - 1)
  })

  it.each([6, 7, 8])('example %i: downloads in flight together: less than the sum of the calls', (n) => {
    const result = results.get(n) as ExampleRun
    expect(lines(result).slice(0, 2)).toEqual([expect.stringMatching(/^Task One getting URL: http:\/\/127\.0\.0\.1:\d+\/upstream\/delay\?ms=300$/), expect.stringMatching(/^Task Two getting URL: .*\?ms=200$/)])
    expect(result.expectedMs).toBe(CONCURRENT_MS)
    expect(elapsed(n)).toBeGreaterThanOrEqual(CONCURRENT_MS - 1)
    expect(elapsed(n)).toBeLessThan(SERIAL_MS * 0.9)
  })

  it('example 7 (async/await) and example 8 (callbacks) take about the same time', () => {
    expect(Math.abs(elapsed(7) - elapsed(8))).toBeLessThan(CONCURRENT_MS * 0.5)
  })
})

it.each(['0', '9', '-1', '1.5', 'abc', '1e0', '0x1', 'Infinity', '%20', '01x'])('refuses example %s with a 400 that names n and its range', async (value) => {
  const response = await app.inject(`/examples/${value}`)
  expect(response.statusCode).toBe(400)
  expect(response.json().message).toContain('path parameter n must be an integer from 1 to 8 (got ')
})

it.each(['-1', '313', '1e3', 'abc', 'Infinity', '1.5', '', '10&unitMs=20'])('refuses unitMs=%s with a 400 that names unitMs and its range', async (value) => {
  const response = await app.inject(`/examples/1?unitMs=${value}`)
  expect(response.statusCode).toBe(400)
  expect(response.json().message).toContain('query parameter unitMs must be an integer from 0 to 312')
})

it('the unitMs bound follows MAX_DELAY_MS, so no example holds the loop longer than that', async () => {
  await withTestApp({ MAX_DELAY_MS: 96 }, async (small) => {
    expect((await small.inject('/examples/3?unitMs=4')).json().message).toContain('from 0 to 3')
    const byDefault = (await small.inject('/examples/3')).json()
    expect(byDefault.unitMs).toBe(3)
    expect(byDefault.elapsedMs).toBeGreaterThanOrEqual(95)
  })
})
