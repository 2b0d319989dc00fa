import { afterAll, beforeAll, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from '../helpers/build-test-app.js'
import { RunViewSchema } from '../../src/lab/runs.js'

let app: FastifyInstance
beforeAll(async () => { app = await buildTestApp() })
afterAll(async () => { await app.close() })

interface Operation { summary?: string, description?: string, responses?: unknown, parameters?: Array<{ name: string, in: string, required?: boolean, schema: { default?: unknown } }> }

async function openapiDocument (): Promise<{ openapi: string, paths: Record<string, Record<string, Operation>> }> {
  const response = await app.inject('/docs/json')
  expect(response.statusCode).toBe(200)
  return response.json()
}

it('documents every route of the index, each with a summary of what it demonstrates', async () => {
  const document = await openapiDocument()
  expect(document.openapi).toMatch(/^3\./)
  const indexed: Array<{ method: string, path: string }> = (await app.inject({ url: '/', headers: { accept: 'application/json' } })).json().routes
  expect(indexed.length).toBeGreaterThanOrEqual(6)
  for (const { method, path } of indexed) {
    const operation = document.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()]
    expect(operation, `${method} ${path}`).toBeDefined()
    expect(operation?.summary?.length, `${method} ${path} summary`).toBeGreaterThan(10)
  }
})

it('gives every paired route a description: the bound it should reach', async () => {
  const document = await openapiDocument()
  // A pair's routes share their work, /sync/<work> being one of them: /sync/delay, /async/delay…
  const work = (path: string) => /^\/[a-z]+(\/[a-z-]+)$/.exec(path)?.[1]
  const blocking = new Set(Object.keys(document.paths).filter((path) => path.startsWith('/sync/')).map(work))
  const paired = Object.entries(document.paths).filter(([path]) => work(path) !== undefined && blocking.has(work(path)))
  expect(paired.length).toBeGreaterThanOrEqual(2)
  for (const [path, operations] of paired) {
    for (const operation of Object.values(operations)) expect(operation.description ?? '(none)', `${path} description`).toMatch(/\S{10}/)
  }
})

it('a parameter with a default is documented as optional, with its bounds', async () => {
  const [ms] = (await openapiDocument()).paths['/sync/delay']?.get?.parameters ?? []
  expect(ms).toMatchObject({ name: 'ms', in: 'query', required: false, schema: { type: 'integer', minimum: 0, maximum: 10000, default: 100 } })
})

it('serves the UI at /docs from its own assets only: nothing outside this server is referenced', async () => {
  const page = await app.inject('/docs')
  expect(page.statusCode).toBe(200)
  expect(page.headers['content-type']).toMatch(/^text\/html/)
  const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '')
  expect(assets.length).toBeGreaterThanOrEqual(5)
  for (const asset of assets) {
    expect(asset).toMatch(/^\/docs\/static\//)
    const response = await app.inject(asset)
    expect(response.statusCode, asset).toBe(200)
    expect(response.rawPayload.length, asset).toBeGreaterThan(100)
  }
})

it('groups the routes by family with tags, declared in the learner\'s order with their descriptions', async () => {
  const document = await openapiDocument() as Awaited<ReturnType<typeof openapiDocument>> & { tags?: Array<{ name: string, description?: string }> }
  expect(document.tags?.map((tag) => tag.name)).toEqual(['delay', 'fetch', 'hash', 'compute', 'blockers', 'article', 'thought experiments', 'observability'])
  for (const tag of document.tags ?? []) expect(tag.description?.length, tag.name).toBeGreaterThan(20)
  const declared = new Set(document.tags?.map((tag) => tag.name))
  const operations = Object.entries(document.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, tags: (operation as { tags?: string[] }).tags })))
  expect(operations.length).toBeGreaterThanOrEqual(22)
  for (const { route, tags } of operations) {
    expect(tags, route).toHaveLength(1)
    expect(declared.has(tags?.[0] ?? ''), `${route}: ${tags?.join()}`).toBe(true)
  }
  const tagOf = (path: string): string | undefined => (document.paths[path]?.get as { tags?: string[] } | undefined)?.tags?.[0]
  expect([tagOf('/sync/delay'), tagOf('/async/fetch'), tagOf('/examples/{n}'), tagOf('/health')]).toEqual(['delay', 'fetch', 'article', 'observability'])
})

it('no documented answer is a union: each is written by the serializer without running a validator', async () => {
  // fast-json-stringify picks an anyOf/oneOf branch with an Ajv validator per branch, compiled in the
  // route's first answer (14–19 ms of the event loop for /stats): answers use enum and nullable
  // instead (src/schemas/answer-types.ts).
  const document = await openapiDocument()
  const unions: string[] = []
  const walk = (node: unknown, where: string): void => {
    if (node === null || typeof node !== 'object') return
    for (const [key, value] of Object.entries(node)) {
      if (key === 'anyOf' || key === 'oneOf') unions.push(`${where}/${key}`)
      walk(value, `${where}/${key}`)
    }
  }
  let answers = 0
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (operation.responses !== undefined) answers++
      walk(operation.responses, `${method} ${path}`)
    }
  }
  // The lab's answers are hidden from /docs (the page is their client): walked from their schema.
  walk(RunViewSchema, 'lab run view')
  expect(answers).toBeGreaterThanOrEqual(10)
  expect(unions).toEqual([])
})
