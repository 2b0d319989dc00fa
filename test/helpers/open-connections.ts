// Keep-alive connections opened one after another, each kept for one client. node:cluster assigns a
// connection (not a request) to a worker, when the connection is accepted: opening them one at a time
// to an idle server lets it deal them out in turn, so a test measures how the workers serve, not how
// a burst of simultaneous connects happened to be dealt (docs/scaling-out.md shows both).
import { Agent, get } from 'node:http'

export interface TextAnswer {
  status: number
  text: string
}

export interface OpenConnections {
  /** GETs `path` on connection `index`, with a hard timeout. */
  get: (index: number, path: string, timeoutMs?: number) => Promise<TextAnswer>
  close: () => void
}

function getText (agent: Agent, url: string, timeoutMs: number): Promise<TextAnswer> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent, timeout: timeoutMs }, (response) => {
      let text = ''
      response.setEncoding('utf8').on('data', (chunk: string) => { text += chunk })
      response.once('end', () => resolve({ status: response.statusCode ?? 0, text }))
      response.once('error', reject)
    })
    request.once('timeout', () => request.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)))
    request.once('error', reject)
  })
}

export async function openConnections (baseUrl: string, count: number): Promise<OpenConnections> {
  const agents = Array.from({ length: count }, () => new Agent({ keepAlive: true, maxSockets: 1 }))
  for (const agent of agents) await getText(agent, `${baseUrl}/health`, 5000)
  return {
    get: async (index, path, timeoutMs = 15_000) => {
      const agent = agents[index]
      if (agent === undefined) throw new Error(`no connection ${index}`)
      return getText(agent, `${baseUrl}${path}`, timeoutMs)
    },
    close: () => { for (const agent of agents) agent.destroy() }
  }
}
