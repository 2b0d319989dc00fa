// What a load run from the lab may load: only the lab's own pairs, on this server, never a URL a
// client names. A run's route is a path and query such as `/sync/delay?ms=50`, checked here field
// by field so a refusal says exactly what is allowed.
import { Type, type Static } from '@sinclair/typebox'
import { closedObject } from '../schemas/body.js'
import { StringEnum } from '../schemas/answer-types.js'

/** A run holds one child process and up to this many sockets on the server it measures. */
export const MAX_RUN_CONNECTIONS = 200
export const MAX_RUN_DURATION_S = 30
/** The delay a run may ask for: enough to show the collapse, short enough for a 30 s run to mean something. */
export const MAX_RUN_MS = 1000

export const LAB_PAIRS = {
  delay: { blocking: '/sync/delay', nonBlocking: '/async/delay' }
} as const

type LabScenario = keyof typeof LAB_PAIRS

export const RunRequestSchema = closedObject({
  scenario: StringEnum(Object.keys(LAB_PAIRS) as LabScenario[], { description: 'The pair to load.' }),
  route: Type.String({
    minLength: 1,
    maxLength: 100,
    description: `A route of the pair with its query, e.g. /sync/delay?ms=50 (ms 1 to ${MAX_RUN_MS}); never a URL.`
  }),
  connections: Type.Integer({ minimum: 1, maximum: MAX_RUN_CONNECTIONS }),
  durationS: Type.Integer({ minimum: 1, maximum: MAX_RUN_DURATION_S })
})

export type RunRequest = Static<typeof RunRequestSchema>

/** A checked route: what the run engine needs to load it and read it against its bound. */
export interface RunRoute {
  path: string
  role: 'blocking' | 'non-blocking'
  ms: number
}

/** The route of `request`, or the reason it is refused (said after `body/route`). */
export function checkRunRoute (request: Pick<RunRequest, 'scenario' | 'route'>): RunRoute | string {
  const pair = LAB_PAIRS[request.scenario as LabScenario]
  const allowed = `must be ${pair.blocking}?ms=N or ${pair.nonBlocking}?ms=N with N from 1 to ${MAX_RUN_MS}`
  // Only a path on this server: no scheme, no host, no protocol-relative `//host`.
  if (!request.route.startsWith('/') || request.route.startsWith('//')) return `${allowed} (a path on this server, not a URL)`
  const [path = '', query = ''] = request.route.split('?', 2)
  const role = path === pair.blocking ? 'blocking' : path === pair.nonBlocking ? 'non-blocking' : undefined
  if (role === undefined) return `${allowed} (got ${JSON.stringify(path)})`
  const params = new URLSearchParams(query)
  const ms = params.get('ms') ?? ''
  if ([...params.keys()].some((key) => key !== 'ms') || !/^[1-9][0-9]{0,3}$/.test(ms) || Number(ms) > MAX_RUN_MS) {
    return `${allowed} (got ${JSON.stringify(request.route)})`
  }
  return { path: `${path}?ms=${ms}`, role, ms: Number(ms) }
}
