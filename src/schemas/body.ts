// JSON bodies are small, closed objects: a field the schema does not know is refused (see
// ajvOptions), and a body over the server's bodyLimit (1 KiB, src/server-limits.ts) gets a 413.
import { Type, type TProperties } from '@sinclair/typebox'

export function closedObject<T extends TProperties> (properties: T) {
  return Type.Object(properties, { additionalProperties: false })
}
