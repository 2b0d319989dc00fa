// Turns a JSON schema into the words a client needs to fix a bad value ("an integer from 0 to 10000").
// One describer serves both the environment check at start-up and the HTTP 400 messages, so the
// operator and the curl user read the same phrasing for the same rule.
import type { TSchema } from '@sinclair/typebox'

/** The JSON-schema keywords that bound a value. */
export interface SchemaBounds {
  type?: string
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  pattern?: string
  title?: string
  enum?: unknown[]
}

type Described = TSchema & SchemaBounds & {
  anyOf?: Described[]
  const?: unknown
}

const MAX_SHOWN_VALUE = 40

export function describeAllowed (schema: Described): string {
  const choices = schema.enum ?? schema.anyOf?.map((option) => option.const)
  if (choices !== undefined && choices.every((choice) => choice !== undefined)) {
    return `one of ${choices.map(String).join(', ')}`
  }
  switch (schema.type) {
    case 'integer':
    case 'number':
      return `${schema.type === 'integer' ? 'an integer' : 'a number'}${range(schema.minimum, schema.maximum)}`
    case 'string':
      // A pattern means nothing to most readers: a string schema with one says what it allows in its title.
      return schema.pattern !== undefined && schema.title !== undefined
        ? schema.title
        : `a string${lengthRange(schema.minLength, schema.maxLength)}`
    case 'boolean':
      return 'true or false'
    case 'object':
      return 'a JSON object'
    default:
      return 'a valid value'
  }
}

/** A value as it may appear in a message: quoted, short, and never a terminal escape sequence. */
export function showValue (value: unknown): string {
  // JSON.stringify would show Infinity (a JSON body's 1e400) as null.
  const text = typeof value === 'number' && !Number.isFinite(value) ? String(value) : JSON.stringify(value) ?? String(value)
  return text.length > MAX_SHOWN_VALUE ? `${text.slice(0, MAX_SHOWN_VALUE)}…` : text
}

function range (min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`
  if (min !== undefined) return ` of at least ${min}`
  if (max !== undefined) return ` of at most ${max}`
  return ''
}

function lengthRange (min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return ` of ${min} to ${max} characters`
  if (min !== undefined && min > 0) return ` of at least ${min} character${min === 1 ? '' : 's'}`
  if (max !== undefined) return ` of at most ${max} characters`
  return ''
}
