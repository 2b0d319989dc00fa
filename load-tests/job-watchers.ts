// Two ways to learn that a job (POST /jobs) is done: ask every `intervalMs` (GET /jobs/:id), or be
// told (GET /jobs/:id/events, Server-Sent Events). Each returns how many requests it took, how many
// of them were wasted (the job was still running) and how late the news came.
import { get } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import type { JsonClient } from './json-client.js'

export interface WatchedJob {
  /** GET requests after the POST: polls, or the one event stream. */
  requests: number
  wasted: number
  /**
   * How long the job had been finished when the server sent the answer that said so (its
   * `finishedAgoMs`): the server's own clock, so no clock has to be matched with the client's.
   */
  delayMs: number
}

async function startJob (client: JsonClient, jobMs: number): Promise<number> {
  const answer = await client.post('/jobs', { ms: jobMs })
  if (answer.status !== 202) throw new Error(`POST /jobs answered ${answer.status}: ${JSON.stringify(answer.body)}`)
  return Number(answer.body.id)
}

/**
 * The polling parent: checks after `phaseMs`, then every `intervalMs`, at most `maxPolls` times. The
 * phase stands for when the parent happens to look; spreading it over the interval spreads the
 * lateness evenly between 0 and the interval, as for jobs that finish at any moment.
 */
export async function pollJob (client: JsonClient, jobMs: number, intervalMs: number, phaseMs: number, maxPolls: number): Promise<WatchedJob> {
  const id = await startJob(client, jobMs)
  await sleep(phaseMs)
  for (let polls = 1; polls <= maxPolls; polls++) {
    const answer = await client.get(`/jobs/${id}`)
    if (answer.status !== 200) throw new Error(`GET /jobs/${id} answered ${answer.status}`)
    if (answer.body.status === 'done') return { requests: polls, wasted: polls - 1, delayMs: Number(answer.body.finishedAgoMs) }
    await sleep(intervalMs)
  }
  throw new Error(`job ${id} was not done after ${maxPolls} polls`)
}

/** The parent who is told: one event stream, read until its `done` event. */
export async function awaitJobEvent (client: JsonClient, jobMs: number, timeoutMs: number): Promise<WatchedJob> {
  const id = await startJob(client, jobMs)
  const done = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const request = get(`${client.baseUrl}/jobs/${id}/events`, { agent: false, timeout: timeoutMs }, (response) => {
      let text = ''
      response.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk
        const event = /^event: done\ndata: (.*)\n\n/m.exec(text)
        if (event?.[1] === undefined) return
        resolve(JSON.parse(event[1]) as Record<string, unknown>)
        response.destroy()
      }).once('end', () => reject(new Error(`job ${id}: the event stream ended without a done event`)))
    })
    request.once('timeout', () => request.destroy(new Error(`job ${id}: no done event within ${timeoutMs} ms`)))
    request.once('error', reject)
  })
  return { requests: 1, wasted: 0, delayMs: Number(done.finishedAgoMs) }
}
