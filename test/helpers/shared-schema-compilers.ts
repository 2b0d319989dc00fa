// Fastify's own schema compilers (the ones it uses when given none), with one cache for every app a
// test process builds. Compiling the routes' schemas was over half of building an app, and tests
// build dozens of apps from the same schemas; a server builds one.
import type { FastifyServerOptions } from 'fastify'
import { AjvCompiler } from '@fastify/ajv-compiler'
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'

type Factories = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>
interface Route { schema?: unknown, httpPart?: string }
type Factory = (externalSchemas: unknown, options: unknown) => (route: Route) => unknown

/**
 * Wraps a compiler factory so that equal JSON of the factory's arguments and of a route's schema
 * gets the function compiled the first time: the compiled function depends on nothing else.
 */
function cached (build: Factory): Factory {
  const compiled = new Map<string, unknown>()
  return (externalSchemas, options) => {
    const compile = build(externalSchemas, options)
    const scope = JSON.stringify([externalSchemas, options])
    return (route) => {
      // Fastify lowercases a header schema's names only for its own, uncustomised validator compiler.
      if (route.httpPart === 'headers') throw new Error('test apps share their validator compiler, for which Fastify does not lowercase header schemas; give this route its own')
      const key = `${scope}${route.httpPart ?? ''}${JSON.stringify(route.schema)}`
      if (!compiled.has(key)) compiled.set(key, compile(route))
      return compiled.get(key)
    }
  }
}

export const sharedSchemaCompilers: FastifyServerOptions['schemaController'] = {
  compilersFactory: {
    buildValidator: cached(AjvCompiler() as unknown as Factory) as unknown as Factories['buildValidator'],
    buildSerializer: cached(SerializerSelector() as unknown as Factory) as unknown as Factories['buildSerializer']
  }
}
