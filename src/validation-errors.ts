// Fastify validates with Ajv; its stock message ("querystring/ms must be <= 10000") names the rule
// that failed, not what the client may send. This formatter names the field and its whole allowed
// range, so one 400 tells a curl user everything needed to fix the request.
import type { FastifySchemaValidationError } from 'fastify/types/schema.js'
import type { TSchema } from '@sinclair/typebox'
import { describeAllowed, showValue } from './schema-text.js'

// `verbose` makes Ajv attach the failing schema and value to each error, which the message needs.
// Ajv's own type coercion is off: src/strict-coercion.ts reads numbers out of query strings instead,
// and JSON bodies must carry real numbers and booleans.
// `removeAdditional: false`: a body field the schema does not know (say `"sfae": true`) is refused
// with a 400 naming it, instead of being dropped in silence and the default used.
export const ajvOptions = { customOptions: { verbose: true, coerceTypes: false, removeAdditional: false } }

type VerboseError = FastifySchemaValidationError & { parentSchema?: TSchema, data?: unknown }

const PLACE: Record<string, string> = {
  querystring: 'query parameter',
  body: 'body field',
  params: 'path parameter',
  headers: 'header'
}

export function formatValidationError (errors: FastifySchemaValidationError[], dataVar: string): Error {
  const error = pickMostGeneral(errors as VerboseError[])
  const place = PLACE[dataVar] ?? dataVar
  const message = error.keyword === 'required'
    ? `${place} ${String(error.params.missingProperty)} is required`
    : describeFailure(error, place, dataVar)
  return Object.assign(new Error(message), { validation: errors, validationContext: dataVar })
}

function describeFailure (error: VerboseError, place: string, dataVar: string): string {
  const field = error.instancePath.replace(/^\//, '').replaceAll('/', '.')
  if (error.keyword === 'additionalProperties') {
    return `${place} ${String(error.params.additionalProperty)} is not allowed`
  }
  const subject = field === '' ? dataVar : `${place} ${field}`
  const allowed = error.parentSchema === undefined ? String(error.message) : describeAllowed(error.parentSchema)
  return `${subject} must be ${allowed} (got ${showValue(error.data)})`
}

// For a union, Ajv reports each failed branch and then the union itself; the union's schema is
// the one that describes every allowed value.
function pickMostGeneral (errors: VerboseError[]): VerboseError {
  const first = errors[0]
  if (first === undefined) throw new Error('formatValidationError called without errors')
  const union = errors.find((error) => error.instancePath === first.instancePath && error.keyword === 'anyOf')
  return union ?? first
}
