// The polling parent: a job that finishes later, asked about by polling (GET /jobs/:id) or told
// about once by Server-Sent Events (GET /jobs/:id/events).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { JobTable, JobViewSchema } from '../src/work/jobs.js'
import { EVENT_STREAM_HEADERS, jobEventStream } from '../src/work/job-events.js'
import { delayMsSchema } from '../src/schemas/query.js'
import { closedObject } from '../src/schemas/body.js'

const params = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'The id POST /jobs answered.' }) })

const jobRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const jobs = new JobTable(app.config.JOBS_MAX, app.config.JOB_TTL_MS)
  app.addHook('preClose', async () => { jobs.close() })

  app.post('/jobs', {
    schema: {
      tags: ['thought experiments'],
      summary: 'Starts a job that finishes after ms; answers 202 with its id and a Location to poll.',
      description: `At most ${app.config.JOBS_MAX} jobs at once (JOBS_MAX), then 503 with Retry-After; a finished job is forgotten after JOB_TTL_MS.`,
      body: closedObject({ ms: delayMsSchema(app.config.MAX_DELAY_MS) }),
      response: { 202: JobViewSchema }
    },
    config: { example: { path: '/jobs', body: { ms: 200 } } }
  }, async (request, reply) => {
    const job = jobs.create(request.body.ms)
    return reply.code(202).header('location', `/jobs/${job.id}`).send(job)
  })

  app.get('/jobs/:id', {
    schema: {
      tags: ['thought experiments'],
      summary: 'Polls a job: each poll before it is done is a wasted request, and it is done up to one polling interval before you see it.',
      description: 'Notification delay: up to the polling interval; requests: job time / interval per job.',
      params,
      response: { 200: JobViewSchema }
    },
    // Job ids count from 1 in each server process, so after the POST example this one exists.
    config: { example: { path: '/jobs/1' } }
  }, async (request) => jobs.poll(request.params.id))

  app.get('/jobs/:id/events', {
    schema: {
      tags: ['thought experiments'],
      summary: 'Server-Sent Events: one `done` event the moment the job finishes, then the stream ends. No polling.',
      description: 'Notification delay: about 0; requests: one per job.',
      params
    },
    config: { example: { path: '/jobs/1/events' } }
  }, async (request, reply) => reply.headers(EVENT_STREAM_HEADERS).send(jobEventStream(jobs, request.params.id)))
}

export default jobRoutes
