// A client that leaves: sends a request and destroys its socket `afterMs` later, before the answer.
// node:http rather than fetch, because undici keeps an aborted request's socket open for seconds,
// which the server would wait for when it closes.
import { request } from 'node:http'
import { pause } from './timing.js'

export async function requestAndHangUp (url: string, afterMs: number, jsonBody?: unknown): Promise<void> {
  const outgoing = request(url, {
    method: jsonBody === undefined ? 'GET' : 'POST',
    headers: jsonBody === undefined ? {} : { 'content-type': 'application/json' }
  })
  outgoing.on('error', () => {}) // the hang-up itself
  outgoing.end(jsonBody === undefined ? undefined : JSON.stringify(jsonBody))
  await pause(afterMs)
  outgoing.destroy()
}
