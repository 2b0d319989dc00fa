// The lab's load run (POST /lab/runs), in a process of its own: the server spawns it so the load
// keeps coming while the server's event loop is blocked — a generator on that loop would freeze with
// it and measure nothing. It is `npm run load`'s engine on one route: the same warm-up, drain wait,
// /health probe, /stats window, bound and check, so its numbers read like the CLI's.
import { Value } from '@sinclair/typebox/value'
import { concurrentBound, serialBound } from '../core/bounds.js'
import { DEFAULT_OPTIONS } from '../core/options.js'
import { boundCheck } from '../core/pair-verdicts.js'
import { runRoute } from '../engine/route-comparison.js'
import { RunInputSchema, type RunMessage } from '../../src/lab/run-protocol.js'

function say (message: RunMessage): void {
  process.stdout.write(`${JSON.stringify(message)}\n`)
}

const input: unknown = JSON.parse(process.argv[2] ?? 'null')
if (!Value.Check(RunInputSchema, input)) {
  process.stderr.write(`run-route: bad input ${process.argv[2] ?? '(none)'}\n`)
  process.exit(2)
}
const options = { ...DEFAULT_OPTIONS, connections: input.connections, durationS: input.durationS }
const run = await runRoute(
  { url: input.url, options, progress: (message) => { say({ type: 'progress', message }) }, startServer: undefined },
  {
    label: input.role === 'blocking' ? 'sync' : 'async',
    path: input.path,
    role: input.role,
    bound: input.role === 'blocking' ? serialBound(input.ms) : concurrentBound(input.ms)
  },
  input.connections
)
say({ type: 'result', run, verdicts: [boundCheck(run, options.thresholds)] })
// autocannon's agents may hold the process open for a while; the answer is out, so leave now.
process.stdout.write('', () => process.exit(0))
