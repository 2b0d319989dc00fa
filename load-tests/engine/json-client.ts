// The one HTTP client for the server's JSON routes (the route index, /stats, /worker/pool, checkbook,
// polling, the calibrations): keep-alive connections, a timeout on every request, and answers checked
// against the schemas the routes answer with (src/), so a scenario reads typed data or fails clearly.
import { Agent, request } from 'node:http'
import type { Static, TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'

export interface JsonAnswer {
  status: number
  body: unknown
}

const TIMEOUT_MS = 60_000

/** `value` as `schema` types it; throws naming `what` and the first mismatch otherwise. */
export function checkJson<T extends TSchema> (schema: T, value: unknown, what: string): Static<T> {
  if (Value.Check(schema, value)) return value
  const [first] = Value.Errors(schema, value)
  throw new Error(`${what}: unexpected answer (${first === undefined ? 'invalid' : `${first.path || '/'} ${first.message}`}): ${JSON.stringify(value)}`)
}

export class JsonClient {
  readonly #agent: Agent | false

  /** `keepAlive: false` for a client that asks once: no connection is left open to close. */
  constructor (readonly baseUrl: string, { keepAlive = true } = {}) {
    this.#agent = keepAlive ? new Agent({ keepAlive: true }) : false
  }

  /** GET `path`; the answer must have `status` and match `schema`. */
  async get<T extends TSchema> (path: string, schema: T, status = 200): Promise<Static<T>> {
    return this.#checked('GET', path, undefined, schema, status)
  }

  /** POST `body` as JSON to `path`; the answer must have `status` and match `schema`. */
  async post<T extends TSchema> (path: string, body: unknown, schema: T, status = 200): Promise<Static<T>> {
    return this.#checked('POST', path, body, schema, status)
  }

  /** The answer whatever its status, for a caller that counts statuses (e.g. paid vs refused). */
  async send (method: 'GET' | 'POST', path: string, body?: unknown): Promise<JsonAnswer> {
    return new Promise((resolve, reject) => {
      // accept: routes that also answer people (GET / in plain text) answer code in JSON.
      const headers = { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) }
      const outgoing = request(`${this.baseUrl}${path}`, { method, headers, agent: this.#agent, timeout: TIMEOUT_MS }, (response) => {
        let text = ''
        response.setEncoding('utf8').on('data', (chunk: string) => { text += chunk }).once('error', reject).once('end', () => {
          try {
            resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) })
          } catch (error) {
            reject(new Error(`${method} ${path}: not JSON (${(error as Error).message})`))
          }
        })
      })
      outgoing.once('timeout', () => outgoing.destroy(new Error(`${method} ${path} timed out after ${TIMEOUT_MS} ms`)))
      outgoing.once('error', reject)
      outgoing.end(body === undefined ? undefined : JSON.stringify(body))
    })
  }

  close (): void {
    if (this.#agent !== false) this.#agent.destroy()
  }

  async #checked<T extends TSchema> (method: 'GET' | 'POST', path: string, body: unknown, schema: T, status: number): Promise<Static<T>> {
    const answer = await this.send(method, path, body)
    if (answer.status !== status) throw new Error(`${method} ${path} answered ${answer.status}, not ${status}: ${JSON.stringify(answer.body)}`)
    return checkJson(schema, answer.body, `${method} ${path}`)
  }
}

/** One checked GET on a connection of its own, for a scenario that asks the server once. */
export async function getJson<T extends TSchema> (baseUrl: string, path: string, schema: T): Promise<Static<T>> {
  return new JsonClient(baseUrl, { keepAlive: false }).get(path, schema)
}
