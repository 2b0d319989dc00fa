// The eight examples of "Understanding Asynchronous Programming in Python" (Doug Farrell), each with
// what the article calls it, how long it should take, and what it shows. The route GET /examples/:n
// and the CLI `npm run examples` both run them through `runExample`.
import { Type, type Static } from '@sinclair/typebox'
import { runAsyncTimers, runGenerators, runGeneratorsBlocking, runSynchronous } from './counting-examples.js'
import {
  runBlockingDownloads, runCallbackDownloads, runFetchDownloads, runInlineCallbackDownloads, type Downloads
} from './downloading-examples.js'
import { Trace, TraceLineSchema } from './trace.js'
import { CONCURRENT_UNITS, SERIAL_UNITS } from './work-queue.js'

/** The article waits 1 s per unit; 10 ms keeps a run short enough for curl. */
export const DEFAULT_UNIT_MS = 10

/**
 * The largest unit that keeps every example within MAX_DELAY_MS: examples 3 and 5 hold the event
 * loop for all their units (SERIAL_UNITS).
 */
function maxUnitMs (maxDelayMs: number): number {
  return Math.floor(maxDelayMs / SERIAL_UNITS)
}

interface Example {
  title: string
  /** Its tasks download from the slow upstream, which must be running. */
  callsUpstream?: true
  /** How many units of waiting the run should take (0: it never waits). */
  expectedUnits: number
  lesson: string
  run: (trace: Trace, downloads: Downloads) => void | Promise<void>
}

const EXAMPLES: readonly Example[] = [
  {
    title: 'Synchronous program',
    expectedUnits: 0,
    lesson: 'Task One does all the work and Task Two finds the queue empty: nothing in plain sequential code lets one task make way for another.',
    run: (trace) => { runSynchronous(trace) }
  },
  {
    title: 'Cooperative concurrency: a simple state machine (generators and a round-robin scheduler)',
    expectedUnits: 0,
    lesson: 'With `yield` as the context switch, One and Two take turns on the same queue, one step each.',
    run: (trace) => { runGenerators(trace) }
  },
  {
    title: 'Cooperative concurrency with blocking calls',
    expectedUnits: SERIAL_UNITS,
    lesson: `The tasks still take turns, but every step blocks the thread for one unit, so the total is the sum of all ${SERIAL_UNITS} steps: taking turns gains nothing while the waiting blocks.`,
    run: (trace, { unitMs }) => { runGeneratorsBlocking(trace, unitMs) }
  },
  {
    title: 'Cooperative concurrency with non-blocking calls (gevent: async functions, timers, Promise.all)',
    expectedUnits: CONCURRENT_UNITS,
    lesson: `While one task waits on its timer the other runs, so the waits overlap and the total is about half of example 3's (${CONCURRENT_UNITS} of ${SERIAL_UNITS} units).`,
    run: async (trace, { unitMs }) => { await runAsyncTimers(trace, unitMs) }
  },
  {
    title: 'Doing real work, with blocking calls (requests: a blocking HTTP client)',
    callsUpstream: true,
    expectedUnits: SERIAL_UNITS,
    lesson: 'Each download blocks the thread until its answer arrives, so the downloads happen one at a time and the total is their sum.',
    run: (trace, downloads) => { runBlockingDownloads(trace, downloads) }
  },
  {
    title: 'Doing real work, with non-blocking calls (gevent: fetch and Promise.all)',
    callsUpstream: true,
    expectedUnits: CONCURRENT_UNITS,
    lesson: 'Both tasks have a download in flight at the same time, so the total is less than the sum of the downloads.',
    run: async (trace, downloads) => { await runFetchDownloads(trace, downloads) }
  },
  {
    title: 'Doing real work, with non-blocking calls (Twisted inlineCallbacks: async/await)',
    callsUpstream: true,
    expectedUnits: CONCURRENT_UNITS,
    lesson: 'async/await is inlineCallbacks built into the language: each task pauses at await and the loop resumes it, for the same total as example 6.',
    run: async (trace, downloads) => { await runInlineCallbackDownloads(trace, downloads) }
  },
  {
    title: 'Doing real work, with non-blocking calls (Twisted addCallback: node:http callbacks and events)',
    callsUpstream: true,
    expectedUnits: CONCURRENT_UNITS,
    lesson: 'Explicit callbacks instead of await, the same event loop underneath: the same total as example 7.',
    run: async (trace, downloads) => { await runCallbackDownloads(trace, downloads) }
  }
]

export const EXAMPLE_COUNT = EXAMPLES.length

/** The examples whose tasks call the slow upstream. */
export const EXAMPLES_CALLING_UPSTREAM = EXAMPLES.flatMap((example, index) => example.callsUpstream === true ? [index + 1] : [])

/** Which example: the route's path parameter and the CLI's argument. */
export const exampleNumberSchema = Type.Integer({ minimum: 1, maximum: EXAMPLE_COUNT, description: 'Which example.' })

/** Milliseconds per unit: the route's query parameter and the CLI's --unit-ms. */
export function unitMsSchema (maxDelayMs: number) {
  const maximum = maxUnitMs(maxDelayMs)
  return Type.Integer({
    minimum: 0,
    maximum,
    default: Math.min(DEFAULT_UNIT_MS, maximum),
    description: `Milliseconds per unit of waiting (the article's one second), 0 to ${maximum} (MAX_DELAY_MS / ${SERIAL_UNITS}).`
  })
}

export const ExampleRunSchema = Type.Object({
  example: Type.Integer({ description: `Which example, 1 to ${EXAMPLE_COUNT}.` }),
  title: Type.String(),
  articleFile: Type.String({ description: 'The article\'s program, e.g. example_3.py.' }),
  unitMs: Type.Integer({ description: 'Milliseconds per unit (the article\'s one second).' }),
  trace: Type.Array(TraceLineSchema),
  elapsedMs: Type.Number({ description: 'How long the run took.' }),
  expectedMs: Type.Number({ description: 'How long it should take: its units of waiting × unitMs.' }),
  lesson: Type.String({ description: 'What the run shows, in one sentence.' })
})

export type ExampleRun = Static<typeof ExampleRunSchema>

/** Runs example `example` (1 to EXAMPLE_COUNT; the caller validates it) and returns its trace and timing. */
export async function runExample (example: number, downloads: Downloads): Promise<ExampleRun> {
  const chosen = EXAMPLES[example - 1]
  if (chosen === undefined) throw new RangeError(`there is no example ${example}; they are 1 to ${EXAMPLE_COUNT}`)
  const trace = new Trace()
  await chosen.run(trace, downloads)
  return {
    example,
    title: chosen.title,
    articleFile: `example_${example}.py`,
    unitMs: downloads.unitMs,
    trace: trace.lines,
    elapsedMs: trace.elapsedMs(),
    expectedMs: chosen.expectedUnits * downloads.unitMs,
    lesson: chosen.lesson
  }
}
