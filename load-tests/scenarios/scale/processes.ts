// A server of N processes answers /health as soon as its first worker listens. Before loading it, ask
// /stats on new connections (node:cluster deals each new one to a worker in turn) until N distinct pids
// have answered: every worker is up, so the first seconds of the run do not measure a start-up.
import { get } from 'node:http'

const POLL_INTERVAL_MS = 100

function pidOnNewConnection (url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const request = get(`${url}/stats`, { agent: false, timeout: 2000, headers: { accept: 'application/json' } }, (response) => {
      let text = ''
      response.setEncoding('utf8').on('data', (chunk: string) => { text += chunk })
      response.once('end', () => {
        try {
          resolve((JSON.parse(text) as { pid?: number }).pid)
        } catch {
          resolve(undefined)
        }
      })
      response.once('error', () => resolve(undefined))
    })
    request.once('timeout', () => request.destroy())
    request.once('error', () => resolve(undefined))
  })
}

/** The pids of the server's `processes` workers; throws when they have not all answered in `timeoutMs`. */
export async function waitForProcesses (url: string, processes: number, timeoutMs: number): Promise<number[]> {
  const seen = new Set<number>()
  const deadline = performance.now() + timeoutMs
  while (seen.size < processes) {
    if (performance.now() > deadline) throw new Error(`${url}: ${seen.size} of ${processes} processes answered within ${timeoutMs} ms`)
    const pid = await pidOnNewConnection(url)
    if (pid !== undefined) seen.add(pid)
    else await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS))
  }
  return [...seen].sort((a, b) => a - b)
}
