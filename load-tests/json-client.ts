// A small HTTP client for the scenarios that drive the server's JSON routes themselves (checkbook,
// polling): keep-alive connections, a timeout on every request, and the time each answer arrived.
import { Agent, request } from 'node:http'

export interface JsonAnswer {
  status: number
  body: Record<string, unknown>
  /** performance.now() when the whole answer had arrived. */
  receivedAt: number
}

const TIMEOUT_MS = 60_000

export class JsonClient {
  readonly #agent = new Agent({ keepAlive: true })

  constructor (readonly baseUrl: string) {}

  async get (path: string): Promise<JsonAnswer> {
    return this.#send('GET', path, undefined)
  }

  async post (path: string, body: unknown): Promise<JsonAnswer> {
    return this.#send('POST', path, JSON.stringify(body))
  }

  close (): void {
    this.#agent.destroy()
  }

  async #send (method: string, path: string, payload: string | undefined): Promise<JsonAnswer> {
    return new Promise((resolve, reject) => {
      const headers = payload === undefined ? {} : { 'content-type': 'application/json' }
      const outgoing = request(`${this.baseUrl}${path}`, { method, headers, agent: this.#agent, timeout: TIMEOUT_MS }, (response) => {
        let text = ''
        response.setEncoding('utf8').on('data', (chunk: string) => { text += chunk }).once('error', reject).once('end', () => {
          try {
            resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown>, receivedAt: performance.now() })
          } catch (error) {
            reject(new Error(`${method} ${path}: not JSON (${(error as Error).message})`))
          }
        })
      })
      outgoing.once('timeout', () => outgoing.destroy(new Error(`${method} ${path} timed out after ${TIMEOUT_MS} ms`)))
      outgoing.once('error', reject)
      outgoing.end(payload)
    })
  }
}
