// The route families, in the order a learner should take them: the delay pair first, the tools to
// watch the loop last. One list orders both the OpenAPI tags of /docs and the plain-text GET /; a
// route names its family with `tags: [family]` in its schema.
export const ROUTE_FAMILIES = [
  { name: 'delay', description: 'Simulated IO, awaited or busy-waited: one blocking wait caps the server at 1000 / ms req/s and makes every other request wait.' },
  { name: 'fetch', description: 'Real IO: the same HTTP call to a slow upstream, with a blocking client or with fetch.' },
  { name: 'hash', description: 'CPU work on libuv\'s threadpool: the loop stays free, the hashing still needs a core.' },
  { name: 'compute', description: 'CPU work awaiting cannot help: held on the loop, sliced with setImmediate, or moved to a worker pool.' },
  { name: 'article', description: 'The eight examples of "Understanding Asynchronous Programming in Python", in Node.js, with their traces.' },
  { name: 'thought experiments', description: 'The article\'s pitfalls that stay on one thread: a shared checkbook, a deadlock, a polling parent.' },
  { name: 'observability', description: 'This index, the liveness probe, and the event loop seen from inside: /metrics and /stats.' }
] as const

export type RouteFamily = typeof ROUTE_FAMILIES[number]['name']
