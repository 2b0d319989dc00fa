// Collects every route that declares an example, so `GET /` can list the whole lab — what each
// route demonstrates and a curl command to try it — without a hand-kept list that drifts. Routes are
// listed family by family, in the learner's order of src/route-families.ts (a route names its family
// in its schema's `tags`, which also group it in /docs).
import fp from 'fastify-plugin'
import type { FastifyInstance, RouteOptions } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { ROUTE_FAMILIES } from '../route-families.js'

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
  // Absent on the upstream's index, whose routes belong to no family of the lab.
  family: Type.Optional(Type.String()),
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
  family: string | undefined
  summary: string
  example: RouteExample
}

const familyNames: readonly string[] = ROUTE_FAMILIES.map((family) => family.name)

// A family the lab does not know would be listed nowhere: fail at boot, naming the route.
function familyOf (route: RouteOptions): string | undefined {
  const [family] = (route.schema as { tags?: string[] } | undefined)?.tags ?? []
  if (family !== undefined && !familyNames.includes(family)) {
    throw new Error(`route ${route.url}: unknown family tag "${family}"; the families are ${familyNames.join(', ')} (src/route-families.ts)`)
  }
  return family
}

// Unfamilied routes (the upstream's) keep their registration order, after the families.
const rank = (route: Listed): number => route.family === undefined ? familyNames.length : familyNames.indexOf(route.family)

function curlFor (method: string, baseUrl: string, example: RouteExample): string {
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
      listed.push({ method, url: route.url, family: familyOf(route), summary: (route.schema as { summary?: string } | undefined)?.summary ?? '', example })
    }
  })

  app.decorate('routeIndex', (baseUrl: string) => listed.toSorted((a, b) => rank(a) - rank(b)).map((route) => ({
    method: route.method,
    path: route.url,
    ...(route.family === undefined ? {} : { family: route.family }),
    demonstrates: route.summary,
    curl: curlFor(route.method, baseUrl, route.example)
  })))
}

export default fp(routeIndex, { name: 'route-index' })
