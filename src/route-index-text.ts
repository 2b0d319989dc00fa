// GET / for a person with curl: the same index as the JSON, as text to read in a terminal, family by
// family in the learner's order. It is made from the JSON index, never kept beside it.
import { ROUTE_FAMILIES } from './route-families.js'
import type { IndexEntry } from './plugins/route-index.js'

export interface RouteIndex {
  name: string
  about: string
  routes: IndexEntry[]
}

/** The index as plain text: a heading per family with its lesson, then each route, what it shows, and its curl. */
export function renderIndexText (index: RouteIndex, baseUrl: string): string {
  const lines = [
    `${index.name}: every route, what it demonstrates, and a command to try it.`,
    index.about,
    `The same as JSON: curl -s -H 'accept: application/json' ${baseUrl}/`
  ]
  for (const family of ROUTE_FAMILIES) {
    const routes = index.routes.filter((route) => route.family === family.name)
    if (routes.length === 0) continue
    lines.push('', `== ${family.name}: ${family.description}`)
    for (const route of routes) lines.push('', `  ${route.method} ${route.path}`, `    ${route.demonstrates}`, `    ${route.curl}`)
  }
  return `${lines.join('\n')}\n`
}

/** Whether the client asked for JSON: its Accept header lists application/json (with q above 0). */
export function wantsJson (accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((entry) => {
    const [type, ...parameters] = entry.split(';').map((part) => part.trim().toLowerCase())
    const q = parameters.find((parameter) => parameter.startsWith('q='))
    return type === 'application/json' && (q === undefined || Number(q.slice(2)) > 0)
  })
}
