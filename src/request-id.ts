// Every log line of a request carries its id. A caller's own `x-request-id` is kept so ids can be
// followed across services, but only when it is short and plain: a header is client input.
// Otherwise the id is a counter behind a random per-process prefix: unique across the processes of a
// cluster and across restarts, and nearly free (a random UUID per request showed in the profile).
import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const REQUEST_ID_HEADER = 'x-request-id'
const SAFE_ID = /^[\w.:-]{1,64}$/
const PROCESS_PREFIX = randomBytes(4).toString('hex')
let counter = 0

/** A new id: `<8 hex digits of this process>-<counter in base 36>`. */
export function newRequestId (): string {
  counter++
  return `${PROCESS_PREFIX}-${counter.toString(36)}`
}

export function requestId (request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER]
  return typeof given === 'string' && SAFE_ID.test(given) ? given : newRequestId()
}
