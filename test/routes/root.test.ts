import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from '../helpers/build-test-app.js'
import { ROUTE_FAMILIES } from '../../src/route-families.js'
import { wantsJson } from '../../src/route-index-text.js'

let app: FastifyInstance
beforeAll(async () => { app = await buildTestApp() })
afterAll(async () => { await app.close() })

interface Entry { method: string, path: string, family?: string, demonstrates: string, curl: string }

const HOST = 'lab.test:3000'

async function index (): Promise<Entry[]> {
  const response = await app.inject({ url: '/', headers: { host: HOST, accept: 'application/json' } })
  expect(response.statusCode).toBe(200)
  expect(response.headers['content-type']).toMatch(/^application\/json/)
  return response.json().routes
}

async function text (accept?: string): Promise<string> {
  const response = await app.inject({ url: '/', headers: { host: HOST, ...(accept === undefined ? {} : { accept }) } })
  expect(response.statusCode).toBe(200)
  expect(response.headers['content-type']).toBe('text/plain; charset=utf-8')
  expect(response.headers.vary).toMatch(/accept/i)
  return response.body
}

describe('GET / as JSON (Accept: application/json)', () => {
  it('lists every route, each with its family, what it demonstrates and a curl command for this host', async () => {
    const routes = await index()
    const listed = routes.map((route) => `${route.method} ${route.path}`)
    expect(listed).toEqual(expect.arrayContaining(['GET /', 'GET /sync/delay', 'GET /async/delay', 'GET /health']))
    for (const route of routes) {
      expect(route.demonstrates.length).toBeGreaterThan(10)
      expect(route.curl).toMatch(/^curl -s .*'http:\/\/lab\.test:3000\//)
      expect(ROUTE_FAMILIES.map((family) => family.name), `${route.method} ${route.path}`).toContain(route.family)
    }
  })

  it('lists the families in the learner\'s order, the delay pair first', async () => {
    const routes = await index()
    expect(routes.slice(0, 2).map((route) => route.path)).toEqual(['/sync/delay', '/async/delay'])
    const order = ROUTE_FAMILIES.map((family) => family.name as string)
    const ranks = routes.map((route) => order.indexOf(route.family ?? ''))
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    expect(new Set(routes.map((route) => route.family))).toEqual(new Set(order))
  })

  it('every listed curl command works as written', async () => {
    const routes = await index()
    // In the listed order within a family (POST /jobs comes before GET /jobs/1), the families at
    // once: most commands wait 200 ms, and one after another they took seconds.
    const families = [...new Set(routes.map((route) => route.family))]
    await Promise.all(families.map(async (family) => {
      for (const route of routes.filter((listed) => listed.family === family)) {
        const url = /'http:\/\/lab\.test:3000([^']*)'$/.exec(route.curl)?.[1]
        const body = /-d '(.*)' '/.exec(route.curl)?.[1]
        const response = await app.inject({
          method: route.method as 'GET' | 'POST',
          url: url ?? '',
          ...(body === undefined ? {} : { payload: body, headers: { 'content-type': 'application/json' } })
        })
        expect(response.statusCode, route.curl).toBeLessThan(300)
      }
    }))
  })
})

describe('GET / as text, for a client that did not ask for JSON', () => {
  it.each([['*/*', '*/*'], ['no Accept header', undefined], ['text/plain', 'text/plain'], ['JSON refused (q=0)', 'application/json;q=0, */*']])(
    '%s gets the readable list', async (_, accept) => {
      expect(await text(accept)).toMatch(/^event-loop-lab: every route/)
    })

  it('groups the routes under their families in the learner\'s order, with the same lines as the JSON', async () => {
    const body = await text('*/*')
    const headings = [...body.matchAll(/^== ([^:]+):/gm)].map((match) => match[1])
    expect(headings).toEqual(ROUTE_FAMILIES.map((family) => family.name))
    const routes = await index()
    let from = 0
    for (const route of routes) {
      const at = body.indexOf(`  ${route.method} ${route.path}\n    ${route.demonstrates}\n    ${route.curl}\n`, from)
      expect(at, `${route.method} ${route.path}`).toBeGreaterThan(from)
      // Each route sits under its own family's heading: the last heading before it.
      expect(body.slice(0, at).match(/^== ([^:]+):/gm)?.at(-1), route.path).toBe(`== ${route.family}:`)
      from = at
    }
    expect(body).toContain(`curl -s -H 'accept: application/json' http://${HOST}/`)
    expect(body).not.toMatch(/^\s*[{[]/)
  })
})

describe('wantsJson', () => {
  it.each([
    ['application/json', true], ['text/html, application/json;q=0.9', true], ['APPLICATION/JSON', true],
    ['*/*', false], [undefined, false], ['', false], ['application/json;q=0', false], ['application/jsonx', false], ['text/plain', false]
  ])('%s → %s', (accept, expected) => {
    expect(wantsJson(accept)).toBe(expected)
  })
})

it('refuses, at boot, a route whose family tag the lab does not know', async () => {
  const { default: Fastify } = await import('fastify')
  const { default: routeIndex } = await import('../../src/plugins/route-index.js')
  const bare = Fastify()
  await bare.register(routeIndex)
  expect(() => bare.get('/x', { schema: { tags: ['dealy'] }, config: { example: { path: '/x' } } }, async () => 'x'))
    .toThrow(/route \/x: unknown family tag "dealy"/)
  await bare.close()
})
