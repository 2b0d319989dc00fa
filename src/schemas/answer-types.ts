// Two schema shapes for what routes *answer*, written so that Fastify's serializer
// (fast-json-stringify) writes them straight out. A TypeBox union (`Type.Union` of literals, or of a
// type and null) is an `anyOf`, and fast-json-stringify picks an `anyOf` branch by running an Ajv
// validator per branch, per answer; worse, it compiles those validators lazily, in the first answer:
// 14–19 ms of the event loop on the first /stats, 4–7 ms on the first /async/delay (five rounds on a
// fresh app, app.inject; 1.4–1.9 and 1.3–1.6 ms without). A scrape at the start of a load test
// stalled every connection that long.
// `enum` and `nullable` are plain keywords it serialises without a validator, Ajv reads them (for
// requests too), and OpenAPI 3.0 (/docs) spells them the same way. Each is a TypeBox kind of its own,
// registered below, so `Value.Check` (the load test and the tests read answers with it) knows it.
import { Kind, Type, TypeRegistry, type SchemaOptions, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'

const STRING_ENUM = 'EventLoopLab:StringEnum'
const NULLABLE = 'EventLoopLab:Nullable'

TypeRegistry.Set<{ enum: string[] }>(STRING_ENUM, (schema, value) => typeof value === 'string' && schema.enum.includes(value))
// A nullable schema is its type's schema with `nullable` added: checked as that type when not null.
const KIND_OF_TYPE: Record<string, string> = { number: 'Number', integer: 'Integer', string: 'String', boolean: 'Boolean', object: 'Object' }
TypeRegistry.Set<{ type: string }>(NULLABLE, (schema, value) =>
  value === null || Value.Check({ ...schema, [Kind]: KIND_OF_TYPE[schema.type] ?? 'Unknown' } as unknown as TSchema, value))

/** One of `values`, as `{ type: 'string', enum }`: typed as their union, like `Type.Union` of literals. */
export function StringEnum<const T extends readonly string[]> (values: T, options: SchemaOptions = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ ...options, [Kind]: STRING_ENUM, type: 'string', enum: [...values] })
}

/** `schema` (a number, integer, string, boolean or object) or null, as `{ ...schema, nullable: true }`. */
export function Nullable<T extends TSchema> (schema: T, options: SchemaOptions = {}): TUnsafe<Static<T> | null> {
  if (!(String(schema.type) in KIND_OF_TYPE)) throw new Error(`Nullable: a ${String(schema.type)} schema cannot be made nullable here`)
  return Type.Unsafe<Static<T> | null>({ ...schema, ...options, [Kind]: NULLABLE, nullable: true })
}
