// The Fastify options the lab and its slow upstream share: how a request gets its id, and how its
// input is validated and explained when it is refused.
import { requestId } from './request-id.js'
import { ajvOptions, formatValidationError } from './validation-errors.js'

export const requestHandlingOptions = {
  genReqId: requestId,
  ajv: ajvOptions,
  schemaErrorFormatter: formatValidationError
}
