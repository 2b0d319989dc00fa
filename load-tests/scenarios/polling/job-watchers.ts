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
   * How late the client learned that the job was done, measured where it received the news: the
   * time from sending the POST to reading the answer that said "done", less the job's own run time
   * (the server's ageMs − finishedAgoMs, a duration, so no clock has to be matched with the
   * server's). It counts everything between the job's end and the client knowing: the wait for the
   * next poll, the server sending, the network, the client's own event loop.
   */
  delayMs: number
}

interface StartedJob {
  id: number
  /** performance.now() just before the POST went out: the job cannot have started earlier. */
  sentAt: number
}

async function startJob (client: JsonClient, jobMs: number): Promise<StartedJob> {
  const sentAt = performance.now()
  return { id: (await client.post('/jobs', { ms: jobMs }, JobViewSchema, 202)).id, sentAt }
}

/** How late the client read the news in `job` (a done job's view), having received it at `receivedAt`. */
function lateness (started: StartedJob, job: JobView, receivedAt: number): number {
  if (job.finishedAgoMs === undefined) throw new Error(`job ${job.id} is ${job.status} but has no finishedAgoMs`)
  const runMs = job.ageMs - job.finishedAgoMs
  return Math.max(0, receivedAt - started.sentAt - runMs)
}

/**
 * The polling parent: checks after `phaseMs`, then every `intervalMs`, at most `maxPolls` times. The
 * phase stands for when the parent happens to look; spreading it over the interval spreads the
 * lateness evenly between 0 and the interval, as for jobs that finish at any moment.
 */
export async function pollJob (client: JsonClient, jobMs: number, intervalMs: number, phaseMs: number, maxPolls: number): Promise<WatchedJob> {
  const started = await startJob(client, jobMs)
  const { id } = started
  await sleep(phaseMs)
  for (let polls = 1; polls <= maxPolls; polls++) {
    const job = await client.get(`/jobs/${id}`, JobViewSchema)
    if (job.status === 'done') return { requests: polls, wasted: polls - 1, delayMs: lateness(started, job, performance.now()) }
    await sleep(intervalMs)
  }
  throw new Error(`job ${id} was not done after ${maxPolls} polls`)
}

/** The parent who is told: one event stream, read until its `done` event. */
export async function awaitJobEvent (client: JsonClient, jobMs: number, timeoutMs: number): Promise<WatchedJob> {
  const started = await startJob(client, jobMs)
  const { id } = started
  let receivedAt = 0
  const data = await new Promise<string>((resolve, reject) => {
    const request = get(`${client.baseUrl}/jobs/${id}/events`, { agent: false, timeout: timeoutMs }, (response) => {
      let text = ''
      response.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk
        const event = /^event: done\ndata: (.*)\n\n/m.exec(text)
        if (event?.[1] === undefined) return
        receivedAt = performance.now()
        resolve(event[1])
        response.destroy()
      }).once('end', () => reject(new Error(`job ${id}: the event stream ended without a done event`)))
    })
    request.once('timeout', () => request.destroy(new Error(`job ${id}: no done event within ${timeoutMs} ms`)))
    request.once('error', reject)
  })
  const done = checkJson(JobViewSchema, JSON.parse(data), `job ${id}'s done event`)
  return { requests: 1, wasted: 0, delayMs: lateness(started, done, receivedAt) }
}
