import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, withTestApp } from '../helpers/build-test-app.js'
import { badNumberBodies, badShapeBodies, expectRefused, postJson } from '../helpers/json-bodies.js'
import { pause, timed } from '../helpers/timing.js'

let app: FastifyInstance
beforeAll(async () => { app = await buildTestApp() })
afterAll(async () => { await app.close() })

async function startJob (target: FastifyInstance, ms: number): Promise<number> {
  const response = await postJson(target, '/jobs', { ms })
  expect(response.statusCode).toBe(202)
  return response.json().id
}

/** The events of a text/event-stream body, each with its parsed JSON data. */
function parseEvents (text: string): Array<{ event: string, data: Record<string, unknown> }> {
  return text.split('\n\n').filter((block) => block.startsWith('event: ')).map((block) => {
    const [eventLine = '', dataLine = ''] = block.split('\n')
    return { event: eventLine.slice('event: '.length), data: JSON.parse(dataLine.slice('data: '.length)) }
  })
}

describe('polling', () => {
  it('POST /jobs answers 202 with the job and a Location to poll', async () => {
    const response = await postJson(app, '/jobs', { ms: 50 })
    expect(response.statusCode).toBe(202)
    const job = response.json()
    expect(job).toEqual({ id: expect.any(Number), status: 'running', ms: 50, ageMs: expect.any(Number), polls: 0 })
    expect(response.headers.location).toBe(`/jobs/${job.id}`)
  })

  it('each poll is counted; the job is done after its ms, and the answer says how long ago', async () => {
    const id = await startJob(app, 60)
    const first = (await app.inject(`/jobs/${id}`)).json()
    expect(first).toMatchObject({ id, status: 'running', polls: 1 })
    await pause(100)
    const later = (await app.inject(`/jobs/${id}`)).json()
    expect(later).toMatchObject({ id, status: 'done', polls: 2 })
    expect(later.ageMs).toBeGreaterThanOrEqual(60)
    expect(later.finishedAgoMs).toBeGreaterThan(0)
    expect(later.finishedAgoMs).toBeLessThanOrEqual(later.ageMs - 60 + 1)
  })
})

describe('Server-Sent Events', () => {
  it('delivers one done event when the job finishes, then ends the stream', async () => {
    // Timed from before the job starts: the 80 ms run from its creation, not from the stream's.
    const { value: { id, response }, ms } = await timed(async () => {
      const id = await startJob(app, 80)
      return { id, response: await app.inject(`/jobs/${id}/events`) }
    })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8')
    expect(response.headers['cache-control']).toBe('no-cache')
    expect(response.body.startsWith(`: waiting for job ${id}\n\n`)).toBe(true)
    const events = parseEvents(response.body)
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ event: 'done', data: { id, status: 'done', ms: 80, polls: 0 } })
    expect(events[0]?.data.finishedAgoMs).toBeLessThan(20)
    expect(ms).toBeGreaterThanOrEqual(70)
  })

  it('for a job already done, the event comes at once', async () => {
    const id = await startJob(app, 0)
    await pause(10)
    const { value: response, ms } = await timed(() => app.inject(`/jobs/${id}/events`))
    expect(parseEvents(response.body).map((event) => event.event)).toEqual(['done'])
    expect(ms).toBeLessThan(200)
  })

  it('over a real connection: the stream opens at once and the event arrives when the job is done', async () => {
    await withTestApp({}, async (served) => {
      const baseUrl = await served.listen({ port: 0, host: '127.0.0.1' })
      const id = await startJob(served, 300)
      const started = performance.now()
      const response = await fetch(`${baseUrl}/jobs/${id}/events`, { signal: AbortSignal.timeout(5000) })
      const openedMs = performance.now() - started
      const body = await response.text()
      expect(openedMs).toBeLessThan(250)
      expect(performance.now() - started).toBeGreaterThanOrEqual(250)
      expect(parseEvents(body)[0]).toMatchObject({ event: 'done', data: { id, status: 'done' } })
    })
  })

  it('when the server closes first, the stream gets a closing event and does not hold the close', async () => {
    // The test closes the app itself, to time the close; withTestApp's second close is a no-op.
    await withTestApp({}, async (served) => {
      const baseUrl = await served.listen({ port: 0, host: '127.0.0.1' })
      const id = await startJob(served, 5000)
      const response = await fetch(`${baseUrl}/jobs/${id}/events`, { signal: AbortSignal.timeout(5000) })
      const { ms } = await timed(() => served.close())
      expect(ms).toBeLessThan(2000)
      expect(parseEvents(await response.text()).map((event) => event.event)).toEqual(['closing'])
    })
  })
})

describe.each(['/jobs/%s', '/jobs/%s/events'])('%s', (pattern) => {
  const url = (id: string) => pattern.replace('%s', id)

  it('an unknown id is a 404 JSON error', async () => {
    const response = await app.inject(url('999999'))
    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({ statusCode: 404, error: 'Not Found', code: 'LAB_ERR_JOB_NOT_FOUND', message: 'no job 999999: it never existed or has expired' })
  })

  it.each(['abc', '0', '-1', '1.5', '1e3', '0x10', 'Infinity', '99999999999999999999', '%20'])('id %s is a 400 naming the id', async (id) => {
    const response = await app.inject(url(id))
    expect(response.statusCode).toBe(400)
    expect(response.json().message).toMatch(/^path parameter id must be an integer from 1 to 9007199254740991 \(got .+\)$/)
  })
})

it('a full table answers 503 with Retry-After, until a finished job expires', async () => {
  await withTestApp({ JOBS_MAX: 2, JOB_TTL_MS: 100 }, async (small) => {
    await startJob(small, 0)
    await startJob(small, 5000)
    const refused = await postJson(small, '/jobs', { ms: 0 })
    expect(refused.statusCode).toBe(503)
    expect(refused.headers['retry-after']).toBe('1')
    expect(refused.json()).toEqual({ statusCode: 503, error: 'Service Unavailable', code: 'LAB_ERR_JOB_TABLE_FULL', message: 'the job table is full (2 jobs); retry later' })
    await pause(150)
    expect((await postJson(small, '/jobs', { ms: 0 })).statusCode).toBe(202)
  })
})

it('a finished job is forgotten after JOB_TTL_MS', async () => {
  // A TTL long enough that a busy machine still reads the job before it expires (the read is an
  // in-process inject right after the job ends), short enough not to hold the unit tier.
  await withTestApp({ JOB_TTL_MS: 500 }, async (forgetful) => {
    const id = await startJob(forgetful, 0)
    expect((await forgetful.inject(`/jobs/${id}`)).statusCode).toBe(200)
    await pause(600)
    expect((await forgetful.inject(`/jobs/${id}`)).statusCode).toBe(404)
  })
})

describe('POST /jobs refuses a hostile body', () => {
  it.each([...badNumberBodies({ ms: 100 }, 'ms'), ...badShapeBodies({ ms: 100 })])('$name: $status JSON', async (body) => { await expectRefused(app, '/jobs', body) })
})
