// GET /jobs/:id/events: the parent who is told when the laundry is done instead of asking every
// few minutes. One Server-Sent Event, `done`, then the stream ends.
//
// Written by hand rather than with a plugin: @fastify/sse's releases require Node >= 20.20.2 (the
// lab supports 20.19) and fastify-sse-v2 targets Fastify 4 with three more dependencies, while one
// event and an end are a few lines of the wire format. The stream is sent as an ordinary reply body,
// so Fastify's hooks (request id, logging, drain on close) still apply, and when the client goes
// away Fastify destroys the stream, which unsubscribes it.
import { PassThrough, type Readable } from 'node:stream'
import type { JobTable } from './jobs.js'

export const EVENT_STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  // Asks reverse proxies such as nginx not to buffer the stream.
  'x-accel-buffering': 'no'
}

function serverSentEvent (event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
}

/** The event stream of job `id` (throws the table's 404 error first if there is no such job). */
export function jobEventStream (jobs: JobTable, id: number): Readable {
  const stream = new PassThrough()
  const unsubscribe = jobs.subscribe(id, {
    done: (job) => { stream.end(serverSentEvent('done', job)) },
    closing: () => { stream.end(serverSentEvent('closing', { id, message: 'the server is shutting down' })) }
  })
  stream.once('close', unsubscribe)
  // A comment line first, so the client gets the headers and knows it is subscribed at once.
  if (!stream.writableEnded) stream.write(`: waiting for job ${id}\n\n`)
  return stream
}
