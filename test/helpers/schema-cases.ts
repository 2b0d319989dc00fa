// Derives hostile requests from the app's own OpenAPI document, so every route — including the ones
// added after this file was written — gets its parameters and bodies attacked: for every number, the
// values just outside its bounds, Infinity, 1e400, hex, a fraction, nothing, twice; for every JSON
// body, broken JSON, wrong types, unknown content types and an oversize body.
import type { InjectOptions } from 'fastify'
import type { SchemaBounds } from '../../src/schema-text.js'

/** A schema as the OpenAPI document shows it. */
export interface JsonSchema extends SchemaBounds {
  anyOf?: JsonSchema[]
  default?: unknown
  properties?: Record<string, JsonSchema>
  required?: string[]
}

interface Parameter { name: string, in: string, required?: boolean, schema: JsonSchema }
interface Operation { parameters?: Parameter[], requestBody?: { content?: Record<string, { schema: JsonSchema }> } }
export interface OpenApiDocument { paths: Record<string, Record<string, Operation>> }

interface DerivedCase {
  label: string
  request: InjectOptions
  /** The parameter or field a 400 must name; undefined when the router or parser refuses first. */
  field?: string
}

interface Endpoint { method: string, path: string, parameters: Parameter[], body?: JsonSchema }

export function endpoints (document: OpenApiDocument): Endpoint[] {
  return Object.entries(document.paths).flatMap(([path, operations]) => Object.entries(operations).map(([method, operation]) => ({
    method: method.toUpperCase(),
    path,
    parameters: operation.parameters ?? [],
    body: operation.requestBody?.content?.['application/json']?.schema
  })))
}

function choices (schema: JsonSchema): unknown[] | undefined {
  return schema.enum ?? schema.anyOf?.flatMap((branch) => branch.enum ?? [])
}

/** A value the schema accepts, for the parts of a request that are not under attack. */
function validValue (schema: JsonSchema): unknown {
  if (schema.default !== undefined) return schema.default
  const allowed = choices(schema)
  if (allowed !== undefined && allowed.length > 0) return allowed[0]
  switch (schema.type) {
    case 'integer':
    case 'number':
      return schema.minimum ?? Math.min(0, schema.maximum ?? 0)
    case 'boolean':
      return false
    case 'object':
      return validObject(schema)
    default:
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1))
  }
}

function validObject (schema: JsonSchema): Record<string, unknown> {
  return Object.fromEntries((schema.required ?? []).map((name) => [name, validValue(schema.properties?.[name] ?? {})]))
}

/** Values of a query or path parameter (as text) that its schema must refuse. */
function badTexts (schema: JsonSchema, place: string): Array<[label: string, text: string]> {
  const inQuery = place === 'query'
  const texts: Array<[string, string]> = []
  if (schema.type === 'integer' || schema.type === 'number') {
    if (schema.minimum !== undefined) texts.push(['below the minimum', String(schema.minimum - 1)])
    if (schema.maximum !== undefined) texts.push(['above the maximum', String(schema.maximum + 1)])
    texts.push(['Infinity', 'Infinity'], ['1e400', '1e400'], ['hex', '0x10'], ['letters', 'abc'])
    if (schema.type === 'integer') texts.push(['a fraction', '1.5'])
  } else if (schema.type === 'boolean') {
    texts.push(['yes', 'yes'], ['1', '1'])
  } else if (choices(schema) !== undefined) {
    texts.push(['not one of the choices', 'not-a-choice'])
  } else if (schema.maxLength !== undefined) {
    texts.push(['too long', 'x'.repeat(schema.maxLength + 1)])
  }
  if (texts.length > 0 && inQuery) texts.push(['empty', ''])
  return texts
}

/** JSON values of a body field that its schema must refuse. */
function badJsonValues (schema: JsonSchema): Array<[label: string, value: string]> {
  const values: Array<[string, string]> = []
  if (schema.type === 'integer' || schema.type === 'number') {
    values.push(['a string', '"5"'], ['a boolean', 'true'], ['1e400 (Infinity)', '1e400'])
    if (schema.minimum !== undefined) values.push(['below the minimum', String(schema.minimum - 1)])
    if (schema.maximum !== undefined) values.push(['above the maximum', String(schema.maximum + 1)])
    if (schema.type === 'integer') values.push(['a fraction', '1.5'])
  } else if (schema.type === 'boolean') {
    values.push(['a string', '"true"'], ['a number', '1'])
  } else if (schema.type === 'string') {
    values.push(['a number', '5'])
    if (choices(schema) !== undefined) values.push(['not one of the choices', '"not-a-choice"'])
    if (schema.maxLength !== undefined) values.push(['too long', JSON.stringify('x'.repeat(schema.maxLength + 1))])
  }
  return values
}

/** The endpoint's URL, every parameter valid but `attacked`, which is given as `text` instead. */
function urlFor (endpoint: Endpoint, attacked?: { parameter: Parameter, query: string }): string {
  const path = endpoint.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    if (attacked?.parameter.in === 'path' && attacked.parameter.name === name) return attacked.query
    const parameter = endpoint.parameters.find((candidate) => candidate.in === 'path' && candidate.name === name)
    return encodeURIComponent(String(validValue(parameter?.schema ?? {})))
  })
  const query = endpoint.parameters
    .filter((parameter) => parameter.in === 'query' && parameter.required === true && parameter !== attacked?.parameter)
    .map((parameter) => `${parameter.name}=${encodeURIComponent(String(validValue(parameter.schema)))}`)
  if (attacked?.parameter.in === 'query') query.push(attacked.query)
  return query.length === 0 ? path : `${path}?${query.join('&')}`
}

export function parameterCases (endpoint: Endpoint): DerivedCase[] {
  const route = `${endpoint.method} ${endpoint.path}`
  return endpoint.parameters.filter((parameter) => parameter.in === 'query' || parameter.in === 'path').flatMap((parameter) => {
    const { name } = parameter
    const attack = (label: string, query: string): DerivedCase => ({
      label: `${route}: ${parameter.in} ${name} ${label}`,
      request: { method: endpoint.method as InjectOptions['method'], url: urlFor(endpoint, { parameter, query }) },
      field: name
    })
    const texts = badTexts(parameter.schema, parameter.in)
    const cases = texts.map(([label, text]) => attack(label, parameter.in === 'query' ? `${name}=${encodeURIComponent(text)}` : encodeURIComponent(text)))
    if (texts.length > 0 && parameter.in === 'query') {
      const valid = encodeURIComponent(String(validValue(parameter.schema)))
      cases.push(attack('given twice', `${name}=${valid}&${name}=${valid}`))
    }
    return cases
  })
}

const OVERSIZE_BYTES = 64 * 1024

export function bodyCases (endpoint: Endpoint): DerivedCase[] {
  const schema = endpoint.body
  if (schema === undefined) return []
  const route = `${endpoint.method} ${endpoint.path}`
  const send = (label: string, payload: string, contentType = 'application/json', field?: string): DerivedCase => ({
    label: `${route}: ${label}`,
    request: { method: endpoint.method as InjectOptions['method'], url: urlFor(endpoint), payload, headers: { 'content-type': contentType } },
    field
  })
  const valid = validObject(schema)
  const withField = (name: string, json: string): string =>
    JSON.stringify({ ...valid, [name]: '__BAD__' }).replace('"__BAD__"', json)
  const cases = [
    send('malformed JSON', '{"a":'),
    send('an empty JSON body', ''),
    send('a JSON array', '[]'),
    send('JSON null', 'null'),
    send('a __proto__ key', '{"__proto__":{"polluted":true}}'),
    send(`a body over ${OVERSIZE_BYTES / 1024} KiB`, JSON.stringify({ ...valid, pad: 'x'.repeat(OVERSIZE_BYTES) })),
    send('a form-encoded body', 'a=1', 'application/x-www-form-urlencoded'),
    send('an XML body', '<a/>', 'application/xml')
  ]
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    for (const [label, json] of badJsonValues(property)) cases.push(send(`body field ${name} ${label}`, withField(name, json), 'application/json', name))
  }
  for (const name of schema.required ?? []) {
    if (schema.properties?.[name]?.default !== undefined) continue
    const { [name]: _missing, ...rest } = valid
    cases.push(send(`body field ${name} missing`, JSON.stringify(rest), 'application/json', name))
  }
  return cases
}
