// The always-on checks share one hook per phase (src/plugins/merged-hooks.ts): each runs in the order
// added, an arrival check that answers stops the request there, and answered checks see the answer.
import Fastify from 'fastify'
import { expect, it } from 'vitest'
import mergedHooks from '../../src/plugins/merged-hooks.js'

async function appWithChecks (answerAt: number | null): Promise<{ app: ReturnType<typeof Fastify>, seen: string[] }> {
  const seen: string[] = []
  const app = Fastify({ logger: false })
  await app.register(mergedHooks)
  for (const name of ['first', 'second', 'third']) {
    app.mergedHooks.onArrival((request, reply) => {
      seen.push(`arrival ${name} ${request.url}`)
      if (answerAt === null || seen.length !== answerAt) return false
      reply.code(400).send({ refusedBy: name })
      return true
    })
  }
  app.mergedHooks.onAnswered((request, reply) => { seen.push(`answered ${reply.statusCode} ${request.is404 ? 'unmatched' : 'matched'}`) })
  app.get('/hello', async () => {
    seen.push('handler')
    return { hello: 'world' }
  })
  await app.ready()
  return { app, seen }
}

it('runs every arrival check in the order added, then the handler, then the answered checks', async () => {
  const { app, seen } = await appWithChecks(null)
  expect((await app.inject('/hello')).statusCode).toBe(200)
  expect(seen).toEqual(['arrival first /hello', 'arrival second /hello', 'arrival third /hello', 'handler', 'answered 200 matched'])
  await app.close()
})

it('an arrival check that answers stops the request: no later check, no handler', async () => {
  const { app, seen } = await appWithChecks(2)
  const response = await app.inject('/hello')
  expect(response.statusCode).toBe(400)
  expect(response.json()).toEqual({ refusedBy: 'second' })
  expect(seen).toEqual(['arrival first /hello', 'arrival second /hello', 'answered 400 matched'])
  await app.close()
})

it('unmatched requests go through the checks too', async () => {
  const { app, seen } = await appWithChecks(null)
  expect((await app.inject('/nowhere')).statusCode).toBe(404)
  expect(seen).toEqual(['arrival first /nowhere', 'arrival second /nowhere', 'arrival third /nowhere', 'answered 404 unmatched'])
  await app.close()
})
