// JSON bodies are small, closed objects: a field the schema does not know is refused (see
// ajvOptions), and a body larger than a few hundred bytes is refused with a 413 before parsing.
import { Type, type TProperties } from '@sinclair/typebox'

/** Plenty for a few numbers and flags; Fastify answers 413 beyond it. */
export const SMALL_BODY_LIMIT = 1024

export function closedObject<T extends TProperties> (properties: T) {
  return Type.Object(properties, { additionalProperties: false })
}
