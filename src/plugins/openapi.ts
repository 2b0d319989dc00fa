// The OpenAPI document and its UI at /docs, generated from the routes' own TypeBox schemas (one
// source of truth: the schema that validates a parameter also documents it). Registered before the
// routes, because @fastify/swagger collects them as they are added. The UI's assets ship inside
// @fastify/swagger-ui and are served from here: /docs works offline and calls nothing outside
// (its online spec validator is off by default).
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { ROUTE_FAMILIES } from '../route-families.js'

const DOCS_PREFIX = '/docs'

/** The project's package.json: two levels up from source, three from dist/ (and in the container). */
function packageInfo (from = import.meta.dirname): { version: string, description: string } {
  const file = join(from, 'package.json')
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { version: string, description: string }
  if (dirname(from) === from) throw new Error('package.json not found above src/plugins')
  return packageInfo(dirname(from))
}

/** The part of an OpenAPI document this file edits. */
interface OpenApiPaths {
  paths?: Record<string, Record<string, { parameters?: Array<{ in: string, required?: boolean, schema?: { default?: unknown } }> }>>
}

// TypeBox marks every property of the query object as required, and Ajv fills in the ones left out
// from their defaults; the document would say `ms` is required when it may be left out.
function markDefaultedParametersOptional<T extends OpenApiPaths> (document: T): T {
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in !== 'path' && parameter.schema?.default !== undefined) parameter.required = false
      }
    }
  }
  return document
}

async function openapi (app: FastifyInstance): Promise<void> {
  const { version, description } = packageInfo()
  await app.register(swagger, {
    openapi: {
      info: { title: 'Event Loop Lab', version, description },
      // The families in the learner's order: Swagger UI draws its groups in this order.
      tags: ROUTE_FAMILIES.map(({ name, description }) => ({ name, description }))
    },
    transformObject: (document) => 'openapiObject' in document
      ? markDefaultedParametersOptional(document.openapiObject as OpenApiPaths)
      : document.swaggerObject
  })
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX })
}

export default fp(openapi, { name: 'openapi' })
