// The watchers of GET /lab/stream: Server-Sent Events on raw responses. Each stream owns its socket's
// errors, leaves the set the moment its client goes, and is skipped while its client reads slower
// than the feed writes (no queue grows behind a slow reader). The set is bounded: a watcher beyond
// MAX_WATCHERS gets 503, not a share of a feed that would cost the server more with each one.
import type { ServerResponse } from 'node:http'
import { EVENT_STREAM_HEADERS } from '../work/job-events.js'

/** A classroom's worth of browsers; each event is written once per watcher. */
export const MAX_WATCHERS = 32

export class Watchers {
  readonly #streams = new Set<ServerResponse>()
  readonly #congested = new WeakSet<ServerResponse>()
  readonly #onFirst: () => void
  readonly #onLast: () => void

  constructor (hooks: { onFirst: () => void, onLast: () => void }) {
    this.#onFirst = hooks.onFirst
    this.#onLast = hooks.onLast
  }

  get count (): number { return this.#streams.size }
  get full (): boolean { return this.#streams.size >= MAX_WATCHERS }

  /** Takes over `response` as an event stream; its headers (the request id) are given by the caller. */
  add (response: ServerResponse, headers: Record<string, string>): void {
    // A client gone before its stream began would never send the `close` that removes it.
    if (response.socket === null || response.socket.destroyed) {
      response.destroy()
      return
    }
    response.writeHead(200, { ...headers, ...EVENT_STREAM_HEADERS })
    // The browser's EventSource reconnects after `retry` ms when the stream ends.
    response.write('retry: 1000\n\n')
    const leave = (): void => { this.#remove(response) }
    response.on('error', leave)
    response.on('close', leave)
    response.on('drain', () => { this.#congested.delete(response) })
    this.#streams.add(response)
    if (this.#streams.size === 1) this.#onFirst()
  }

  send (data: unknown): void {
    if (this.#streams.size === 0) return
    const frame = `data: ${JSON.stringify(data)}\n\n`
    for (const response of this.#streams) {
      if (this.#congested.has(response) || response.destroyed) continue
      if (!response.write(frame)) this.#congested.add(response)
    }
  }

  /** Ends every stream (the server is closing: an open stream would hold the shutdown). */
  endAll (): void {
    for (const response of [...this.#streams]) response.end()
  }

  #remove (response: ServerResponse): void {
    if (!this.#streams.delete(response)) return
    if (this.#streams.size === 0) this.#onLast()
  }
}
