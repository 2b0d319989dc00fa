// The simulated-IO pair: the same wait on a timer (/async/delay) or in a busy loop (/sync/delay).
import { concurrentBound, serialBound } from '../../core/bounds.js'
import { throughputPair } from '../shared/throughput-pair.js'

export const delayScenario = throughputPair({
  name: 'delay',
  title: 'delay: simulated IO, awaited or busy-waited',
  summary: '/async/delay (waits on a timer) vs /sync/delay (busy-waits), both for --ms milliseconds',
  requires: ['/async/delay', '/sync/delay'],
  routes: ({ options }) => [
    { label: 'async', path: `/async/delay?ms=${options.ms}`, role: 'non-blocking', bound: concurrentBound(options.ms) },
    { label: 'sync', path: `/sync/delay?ms=${options.ms}`, role: 'blocking', bound: serialBound(options.ms) }
  ]
})
