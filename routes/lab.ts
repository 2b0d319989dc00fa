// The lab in the browser: the page (GET /lab), its bundled script and style, the live feed
// (GET /lab/stream) and load runs launched from the page (POST /lab/runs, GET /lab/runs/:id).
// The services live in src/plugins/lab.ts; the page's script in src/lab/page/.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AddressInfo } from 'node:net'
import { readLabAsset } from '../src/lab/assets.js'
import { BadRunRouteError, RunBusyError, RunNotFoundError, RunsOffError, WatchersFullError } from '../src/lab/lab-errors.js'
import { labPage } from '../src/lab/page-html.js'
import { checkRunRoute, RunRequestSchema } from '../src/lab/pairs.js'
import { RunViewSchema } from '../src/lab/runs.js'
import { MAX_WATCHERS } from '../src/lab/watchers.js'
import { REQUEST_ID_HEADER } from '../src/request-id.js'

/** This server on loopback, where a run sends its load; undefined when it is not listening. */
function loopbackUrl (address: string | AddressInfo | null): string | undefined {
  if (address === null || typeof address === 'string') return undefined
  const host = address.family === 'IPv6' && address.address !== '::' ? '[::1]' : '127.0.0.1'
  return `http://${host}:${address.port}`
}

const labRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { watchers, runs } = app.lab
  // The page depends only on the config: made once here, not on every request.
  const page = labPage({ runs: app.config.LAB_RUNS })

  app.get('/lab', {
    schema: {
      tags: ['observability'],
      summary: 'The lab in the browser: live charts of the event loop, /health as this page sees it, load runs, the article drawn.',
      produces: ['text/html']
    },
    config: { example: { path: '/lab' } }
  }, async (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page))

  app.get('/lab/assets/:file', {
    schema: { hide: true, params: Type.Object({ file: Type.Union([Type.Literal('lab.js'), Type.Literal('lab.css')]) }) }
  }, async (request, reply) => {
    const asset = await readLabAsset(request.params.file)
    return reply.type(asset.type).header('cache-control', 'no-cache').send(asset.body)
  })

  app.get('/lab/stream', {
    schema: {
      tags: ['observability'],
      summary: 'Server-Sent Events, one every 200 ms: event-loop delay and utilisation, req/s and in flight per route, the current load run. Silent while the loop is blocked.',
      description: `At most ${MAX_WATCHERS} watchers at once, then 503. Try \`curl -N\`.`
    }
  }, async (request, reply) => {
    if (watchers.full) throw new WatchersFullError(MAX_WATCHERS)
    reply.hijack()
    watchers.add(reply.raw, { [REQUEST_ID_HEADER]: String(request.id) })
  })

  app.post('/lab/runs', {
    schema: {
      tags: ['observability'],
      summary: 'Starts a load run of one of the lab\'s routes on this server, in a process of its own; 202 with a Location to follow.',
      description: 'One run at a time (409 while one runs); LAB_RUNS=false turns runs off (403).',
      body: RunRequestSchema,
      response: { 202: RunViewSchema }
    }
  }, async (request, reply) => {
    const route = checkRunRoute(request.body)
    if (typeof route === 'string') throw new BadRunRouteError(route)
    if (!app.config.LAB_RUNS) throw new RunsOffError()
    const running = runs.current()
    if (running !== undefined) throw new RunBusyError(running.id)
    const url = loopbackUrl(app.server.address())
    if (url === undefined) throw new Error('the server is not listening: no address to load')
    const run = runs.start(request.body, route, url)
    request.log.info({ run: run.id, ...request.body }, 'lab run started')
    return reply.code(202).header('location', `/lab/runs/${run.id}`).send(run)
  })

  app.get('/lab/runs/:id', {
    schema: {
      tags: ['observability'],
      summary: 'A load run: its progress, and at the end the same result, bound and verdict as `npm run load`.',
      params: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,16}$', maxLength: 16, description: 'The id POST /lab/runs answered.' }) }),
      response: { 200: RunViewSchema }
    }
  }, async (request) => {
    const run = runs.get(request.params.id)
    if (run === undefined) throw new RunNotFoundError(request.params.id)
    return run
  })
}

export default labRoutes
