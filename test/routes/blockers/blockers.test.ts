// The blocker routes through inject: both variants of each blocker give the same answer in the usual
// report; each size parameter is bounded so that even the blocking variant stays within MAX_DELAY_MS,
// checked by running the largest size allowed, as a hostile client would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from '../../helpers/build-test-app.js'
import { expectWorkReport } from '../../helpers/work-report.js'

interface Entry { name: string, blocking: string, remedy: string, parameter: string, maximum: number, sizeForMs: number }

const SMALL_MAX_DELAY_MS = 200

let app: FastifyInstance
let catalog: Entry[]
beforeAll(async () => {
  app = await buildTestApp({ MAX_DELAY_MS: SMALL_MAX_DELAY_MS })
  catalog = (await app.inject('/blockers?ms=20')).json()
})
afterAll(async () => { await app.close() })

it('GET /blockers lists the five blockers, each with its two routes and a bound', () => {
  expect(catalog.map((entry) => entry.name)).toEqual(['regex', 'json', 'fs', 'zlib', 'dedupe'])
  for (const entry of catalog) {
    expect(entry.maximum).toBeGreaterThanOrEqual(1)
    expect(entry.sizeForMs).toBeLessThanOrEqual(entry.maximum)
  }
})

describe.each(['regex', 'json', 'fs', 'zlib', 'dedupe'])('%s', (name) => {
  const entry = (): Entry => catalog.find((candidate) => candidate.name === name) as Entry

  it('both variants give the same answer in the usual report', async () => {
    const { blocking, remedy, parameter, sizeForMs } = entry()
    const bad = expectWorkReport(await app.inject(`${blocking}?${parameter}=${sizeForMs}`), {
      mode: 'sync', work: name, ms: expect.any(Number), variant: expect.any(String), size: sizeForMs, answer: expect.any(String)
    })
    const good = expectWorkReport(await app.inject(`${remedy}?${parameter}=${sizeForMs}`), {
      mode: expect.any(String), work: name, ms: bad.ms, variant: expect.any(String), size: sizeForMs, answer: bad.answer
    })
    expect(good.variant).not.toBe(bad.variant)
  })

  it(`the blocking variant at the largest size allowed stays within MAX_DELAY_MS (${SMALL_MAX_DELAY_MS} ms)`, async () => {
    const { blocking, parameter, maximum } = entry()
    const response = await app.inject(`${blocking}?${parameter}=${maximum}&unknown=${maximum * 10}`)
    expect(response.statusCode).toBe(200)
    expect(response.json().elapsedMs).toBeLessThanOrEqual(SMALL_MAX_DELAY_MS)
  })

  it('one more than the largest size is refused with a 400 naming the parameter and the range', async () => {
    const { blocking, remedy, parameter, maximum } = entry()
    for (const path of [blocking, remedy]) {
      const response = await app.inject(`${path}?${parameter}=${maximum + 1}`)
      expect(response.statusCode).toBe(400)
      expect(response.json().message).toContain(parameter)
      expect(response.json().message).toContain(String(maximum))
    }
  })
})

it('the backtracking regex stays within the default MAX_DELAY_MS at its largest n, whatever else is sent', { timeout: 60_000 }, async () => {
  const defaults = await buildTestApp()
  try {
    const [regex] = (await defaults.inject('/blockers')).json() as Entry[]
    // The largest n runs (seconds, within the bound); the others must be refused before any matching.
    const hostile = [`n=${regex?.maximum}`, `n=${regex?.maximum}&n=${(regex?.maximum ?? 0) + 40}`, `n=${(regex?.maximum ?? 0) + 40}`, 'n=1e3']
    for (const query of hostile) {
      const response = await defaults.inject(`/blockers/regex/backtracking?${query}`)
      if (response.statusCode === 200) expect(response.json().elapsedMs, query).toBeLessThanOrEqual(defaults.config.MAX_DELAY_MS)
      else expect(response.statusCode, query).toBe(400)
    }
  } finally {
    await defaults.close()
  }
})
