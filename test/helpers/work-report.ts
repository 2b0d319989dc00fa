// What every work route answers (src/work/report.ts): the report's fields, this process's pid, and
// the handler time again in Server-Timing.
import type { LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'
import type { WorkReport } from '../../src/work/report.js'

/** The fields a test states (values or matchers): the report's mode, work and ms, and the route's own fields. */
interface ExpectedReport { mode: string, work: string, ms: unknown, [field: string]: unknown }

/** Expects a 200 work answer with exactly `expected`'s fields plus elapsedMs and pid; returns the body. */
export function expectWorkReport (response: LightMyRequestResponse, expected: ExpectedReport): WorkReport & Record<string, any> {
  expect(response.statusCode).toBe(200)
  const body = response.json()
  expect(body).toEqual({ ...expected, elapsedMs: expect.any(Number), pid: process.pid })
  expect(response.headers['server-timing']).toBe(`work;dur=${body.elapsedMs}`)
  return body
}
