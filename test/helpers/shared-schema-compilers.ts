// Fastify's own response serializer compiler (the one it uses when given none), with one cache for
// every app a test process builds. Compiling the routes' response schemas was over half of building
// an app, and tests build dozens of apps from the same schemas; a server builds one.
// Only the serializer: a custom validator compiler would change how Fastify treats header schemas.
import type { FastifyServerOptions } from 'fastify'
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'

type SerializerFactory = ReturnType<typeof SerializerSelector>
type Serializer = ReturnType<ReturnType<SerializerFactory>>

const buildSerializer = SerializerSelector()
const compiled = new Map<string, Serializer>()

// The serializer depends only on the schema and the factory's arguments, so equal JSON of those is
// the same serializer, whichever app or route asks.
const sharedSerializerFactory: SerializerFactory = (externalSchemas, options) => {
  const compile = buildSerializer(externalSchemas, options)
  const scope = JSON.stringify([externalSchemas, options])
  return (route) => {
    const key = `${scope}${JSON.stringify(route.schema)}`
    let serializer = compiled.get(key)
    if (serializer === undefined) {
      serializer = compile(route)
      compiled.set(key, serializer)
    }
    return serializer
  }
}

export const sharedSchemaCompilers: FastifyServerOptions['schemaController'] = {
  compilersFactory: { buildSerializer: sharedSerializerFactory }
}
