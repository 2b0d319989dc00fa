// Two ways to learn that a job (POST /jobs) is done: ask every `intervalMs` (GET /jobs/:id), or be
// told (GET /jobs/:id/events, Server-Sent Events). Each returns how many requests it took, how many
// of them were wasted (the job was still running) and how late the news came.
import { get } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { JobViewSchema, type JobView } from '../../../src/work/jobs.js'
import { checkJson, type JsonClient } from '../../engine/json-client.js'

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
  return (await client.post('/jobs', { ms: jobMs }, JobViewSchema, 202)).id
}

/** How late the news of a done job came: its finishedAgoMs, which a done job always has. */
function lateness (job: JobView): number {
  if (job.finishedAgoMs === undefined) throw new Error(`job ${job.id} is ${job.status} but has no finishedAgoMs`)
  return job.finishedAgoMs
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
    const job = await client.get(`/jobs/${id}`, JobViewSchema)
    if (job.status === 'done') return { requests: polls, wasted: polls - 1, delayMs: lateness(job) }
    await sleep(intervalMs)
  }
  throw new Error(`job ${id} was not done after ${maxPolls} polls`)
}

/** The parent who is told: one event stream, read until its `done` event. */
export async function awaitJobEvent (client: JsonClient, jobMs: number, timeoutMs: number): Promise<WatchedJob> {
  const id = await startJob(client, jobMs)
  const data = await new Promise<string>((resolve, reject) => {
    const request = get(`${client.baseUrl}/jobs/${id}/events`, { agent: false, timeout: timeoutMs }, (response) => {
      let text = ''
      response.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk
        const event = /^event: done\ndata: (.*)\n\n/m.exec(text)
        if (event?.[1] === undefined) return
        resolve(event[1])
        response.destroy()
      }).once('end', () => reject(new Error(`job ${id}: the event stream ended without a done event`)))
    })
    request.once('timeout', () => request.destroy(new Error(`job ${id}: no done event within ${timeoutMs} ms`)))
    request.once('error', reject)
  })
  const done = checkJson(JobViewSchema, JSON.parse(data), `job ${id}'s done event`)
  return { requests: 1, wasted: 0, delayMs: lateness(done) }
}
