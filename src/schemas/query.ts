// Query-string schemas shared by route families. Bounds come from config, so the cap that stops
// one request from holding the event loop for minutes is set in one place (MAX_DELAY_MS).
import { Type } from '@sinclair/typebox'

const DEFAULT_DELAY_MS = 100

/** `ms`: how long the simulated work lasts. An integer, so `1.5`, `1e400` and `abc` are all refused. */
export function delayMsSchema (maxDelayMs: number) {
  return Type.Integer({
    minimum: 0,
    maximum: maxDelayMs,
    default: DEFAULT_DELAY_MS,
    description: `Milliseconds of simulated work, 0 to ${maxDelayMs} (MAX_DELAY_MS).`
  })
}

export const CallStyleSchema = Type.Union([Type.Literal('promise'), Type.Literal('callback')], {
  default: 'promise',
  description: '`promise`: written with async/await; `callback`: the same wait with an explicit callback.'
})
