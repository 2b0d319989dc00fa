// The real-IO pair: an HTTP call to the slow upstream, awaited (/async/fetch) or made with a
// blocking client (/sync/fetch). The upstream answers after --ms, so the bounds are the delay pair's.
import { concurrentBound, serialBound } from '../bounds.js'
import { throughputPair } from '../throughput-pair.js'

export const fetchScenario = throughputPair({
  name: 'fetch',
  title: 'fetch: real HTTP calls to a slow upstream, awaited or blocking',
  summary: '/async/fetch (fetch, awaited) vs /sync/fetch (a blocking HTTP client); the upstream answers after ms = --ms',
  requires: ['/async/fetch', '/sync/fetch'],
  routes: ({ options }) => [
    { label: 'async', path: `/async/fetch?ms=${options.ms}`, role: 'non-blocking', bound: concurrentBound(options.ms) },
    { label: 'sync', path: `/sync/fetch?ms=${options.ms}`, role: 'blocking', bound: serialBound(options.ms) }
  ]
})
