// The route a request matched, as its pattern (`/jobs/:id`), never its raw URL: metric labels and
// per-route counters keyed by raw URLs would grow without bound with every id and query a client invents.
import type { FastifyRequest } from 'fastify'

/** Stands for every request no route matched (404s), so they stay one label, not one per URL. */
export const UNMATCHED_ROUTE = '(unmatched)'

export function routeLabel (request: FastifyRequest): string {
  return request.routeOptions.url ?? UNMATCHED_ROUTE
}
