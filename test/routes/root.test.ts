import { afterAll, beforeAll, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from '../helpers/build-test-app.js'

let app: FastifyInstance
beforeAll(async () => { app = await buildTestApp() })
afterAll(async () => { await app.close() })

interface Entry { method: string, path: string, demonstrates: string, curl: string }

async function index (): Promise<Entry[]> {
  const response = await app.inject({ url: '/', headers: { host: 'lab.test:3000' } })
  expect(response.statusCode).toBe(200)
  return response.json().routes
}

it('lists every route, each with what it demonstrates and a curl command for this host', async () => {
  const routes = await index()
  const listed = routes.map((route) => `${route.method} ${route.path}`)
  expect(listed).toEqual(expect.arrayContaining(['GET /', 'GET /sync/delay', 'GET /async/delay', 'GET /health']))
  for (const route of routes) {
    expect(route.demonstrates.length).toBeGreaterThan(10)
    expect(route.curl).toMatch(/^curl -s .*'http:\/\/lab\.test:3000\//)
  }
})

it('every listed curl command works as written', async () => {
  for (const route of await index()) {
    const url = /'http:\/\/lab\.test:3000([^']*)'$/.exec(route.curl)?.[1]
    const body = /-d '(.*)' '/.exec(route.curl)?.[1]
    const response = await app.inject({
      method: route.method as 'GET' | 'POST',
      url: url ?? '',
      ...(body === undefined ? {} : { payload: body, headers: { 'content-type': 'application/json' } })
    })
    expect(response.statusCode, route.curl).toBeLessThan(300)
  }
})
