// Collects every route that declares an example, so `GET /` can list the whole lab — what each
// route demonstrates and a curl command to try it — without a hand-kept list that drifts.
import fp from 'fastify-plugin'
import type { FastifyInstance, RouteOptions } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'

export interface RouteExample {
  /** Path and query to try, e.g. `/sync/delay?ms=200`. */
  path: string
  /** JSON body for POST examples. */
  body?: unknown
}

/** One line of an index (the lab's GET / and the upstream's). */
export const IndexEntrySchema = Type.Object({
  method: Type.String(),
  path: Type.String(),
  demonstrates: Type.String(),
  curl: Type.String()
})

export type IndexEntry = Static<typeof IndexEntrySchema>

declare module 'fastify' {
  interface FastifyContextConfig {
    example?: RouteExample
  }
  interface FastifyInstance {
    routeIndex: (baseUrl: string) => IndexEntry[]
  }
}

interface Listed {
  method: string
  url: string
  summary: string
  example: RouteExample
}

export function curlFor (method: string, baseUrl: string, example: RouteExample): string {
  const target = `'${baseUrl}${example.path}'`
  if (example.body === undefined) return method === 'GET' ? `curl -s ${target}` : `curl -s -X ${method} ${target}`
  const body = JSON.stringify(example.body).replaceAll("'", "'\\''")
  return `curl -s -X ${method} -H 'content-type: application/json' -d '${body}' ${target}`
}

async function routeIndex (app: FastifyInstance): Promise<void> {
  const listed: Listed[] = []

  app.addHook('onRoute', (route: RouteOptions) => {
    const example = route.config?.example
    if (example === undefined) return
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const method of methods.filter((m) => m !== 'HEAD')) {
      listed.push({ method, url: route.url, summary: (route.schema as { summary?: string } | undefined)?.summary ?? '', example })
    }
  })

  app.decorate('routeIndex', (baseUrl: string) => listed.map((route) => ({
    method: route.method,
    path: route.url,
    demonstrates: route.summary,
    curl: curlFor(route.method, baseUrl, route.example)
  })))
}

export default fp(routeIndex, { name: 'route-index' })
