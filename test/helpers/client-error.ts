// What every refused request must look like, wherever it was refused (route validation, the body
// parser, the router, Node's HTTP parser): a 4xx status and a JSON error of the one shape — and in time.
import { expect } from 'vitest'

export const ANSWER_TIMEOUT_MS = 5_000

export interface Answer {
  status: number
  contentType: string | undefined
  body: string
}

/** An injected response as an Answer. */
export function injected (response: { statusCode: number, headers: Record<string, unknown>, body: string }): Answer {
  const contentType = response.headers['content-type']
  return { status: response.statusCode, contentType: typeof contentType === 'string' ? contentType : undefined, body: response.body }
}

export function expectJsonClientError (answer: Answer, label: string): void {
  expect(answer.status, `${label}: status`).toBeGreaterThanOrEqual(400)
  expect(answer.status, `${label}: status`).toBeLessThan(500)
  expect(answer.contentType, `${label}: content-type`).toMatch(/^application\/json/)
  const body = JSON.parse(answer.body) as Record<string, unknown>
  expect(body, label).toMatchObject({ statusCode: answer.status, error: expect.any(String), message: expect.any(String) })
}

/** Rejects if `promise` takes longer than ANSWER_TIMEOUT_MS: a hang is a failure, not a slow pass. */
export async function withinTimeout<T> (promise: Promise<T>, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no answer within ${ANSWER_TIMEOUT_MS} ms`)), ANSWER_TIMEOUT_MS)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
