// Query strings and environment variables arrive as text; numbers and booleans must be read out of
// them. Ajv's and TypeBox's own coercions are too lenient for a route whose bound is a safety limit:
// Ajv turns "Infinity" and "1e400" into Infinity and then skips its minimum/maximum checks (they only
// run on finite numbers), so `?ms=Infinity` would slip MAX_DELAY_MS and hold the event loop forever;
// TypeBox truncates "5.5" to 5. Here only plain decimal text becomes a number; anything else stays
// text and fails validation with a message that shows what was sent.
import type { TSchema } from '@sinclair/typebox'

const INTEGER_TEXT = /^-?\d+$/
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/
const BOOLEAN_TEXT: Record<string, boolean> = { true: true, false: false }

export function coerceText (schema: TSchema, value: unknown): unknown {
  if (typeof value !== 'string') return value
  switch ((schema as { type?: string }).type) {
    case 'integer':
      return INTEGER_TEXT.test(value) ? Number(value) : value
    case 'number':
      return DECIMAL_TEXT.test(value) ? Number(value) : value
    case 'boolean':
      return BOOLEAN_TEXT[value] ?? value
    default:
      return value
  }
}

type CoercibleType = 'integer' | 'number' | 'boolean'
const COERCIBLE_TYPES: ReadonlySet<string> = new Set<CoercibleType>(['integer', 'number', 'boolean'])

/**
 * A coercer for values of one schema, or null when the schema has nothing to coerce (no number,
 * integer or boolean property). Its properties are listed once: routes call it on every request, so
 * the schema is read when the route is registered, not per request.
 */
export function propertyCoercer (objectSchema: TSchema | undefined): ((values: unknown) => void) | null {
  const declared = (objectSchema as { properties?: Record<string, TSchema> } | undefined)?.properties ?? {}
  const properties = Object.entries(declared).filter(([, schema]) => COERCIBLE_TYPES.has((schema as { type?: string }).type ?? ''))
  if (properties.length === 0) return null
  return (values) => {
    if (values === null || typeof values !== 'object') return
    const record = values as Record<string, unknown>
    for (const [name, schema] of properties) {
      if (Object.hasOwn(record, name)) record[name] = coerceText(schema, record[name])
    }
  }
}

/** Coerces, in place, each property of `values` that `objectSchema` declares as a number or boolean. */
export function coerceProperties (objectSchema: TSchema | undefined, values: unknown): void {
  propertyCoercer(objectSchema)?.(values)
}
