// The lab's load runs: one at a time, each in a child process (load-tests/lab/run-route), so the load
// keeps coming while this server's loop is blocked. The table keeps the last KEPT_RUNS runs; a run
// still going when the server closes is stopped with it.
import { spawn, type ChildProcess } from 'node:child_process'
import { extname, join } from 'node:path'
import { Type, type Static } from '@sinclair/typebox'
import { StringEnum } from '../schemas/answer-types.js'
import { RunRequestSchema, type RunRequest, type RunRoute } from './pairs.js'
import type { RunInput, RunMessage } from './run-protocol.js'

const KEPT_RUNS = 10
/** A run's answer is one JSON line of a few hundred KiB (the raw autocannon result, the probe samples). */
const MAX_OUTPUT_BYTES = 16 * 1024 * 1024
const KEPT_STDERR_CHARS = 2000

export const RunViewSchema = Type.Object({
  id: Type.String(),
  state: StringEnum(['running', 'done', 'failed']),
  request: RunRequestSchema,
  startedAt: Type.String(),
  elapsedS: Type.Number(),
  progress: Type.String({ description: 'The run\'s last progress line.' }),
  result: Type.Optional(Type.Object({
    run: Type.Unknown({ description: 'The route run as `npm run load` records it in results.json (load-tests/core/route-run.ts).' }),
    verdicts: Type.Unknown({ description: 'Its check against the bound, as `npm run load` prints it.' })
  })),
  error: Type.Optional(Type.String())
})

export type RunView = Static<typeof RunViewSchema>

interface Run {
  view: Omit<RunView, 'elapsedS'>
  started: number
  child: ChildProcess | undefined
}

// dist/src/lab/runs.js spawns dist/load-tests/lab/run-route.js; from source (tsx), the .ts beside it.
const OWN_EXTENSION = extname(import.meta.filename)
const RUN_SCRIPT = join(import.meta.dirname, '..', '..', 'load-tests', 'lab', `run-route${OWN_EXTENSION}`)
const RUN_EXEC_ARGV = OWN_EXTENSION === '.ts' ? ['--import', 'tsx'] : []

export class LabRuns {
  readonly #runs = new Map<string, Run>()
  readonly #onEnd: (run: RunView) => void
  #nextId = 1

  /** `onEnd` hears of every run that ends, done or failed (the server logs it). */
  constructor (onEnd: (run: RunView) => void) {
    this.#onEnd = onEnd
  }

  /** The run still going, if any. */
  current (): RunView | undefined {
    for (const run of this.#runs.values()) if (run.view.state === 'running') return viewOf(run)
    return undefined
  }

  get (id: string): RunView | undefined {
    const run = this.#runs.get(id)
    return run === undefined ? undefined : viewOf(run)
  }

  /** Starts a run against `url` (this server, on loopback); the caller has checked that none runs. */
  start (request: RunRequest, route: RunRoute, url: string): RunView {
    const id = String(this.#nextId++)
    const run: Run = {
      view: { id, state: 'running', request, startedAt: new Date().toISOString(), progress: 'starting' },
      started: Date.now(),
      child: undefined
    }
    this.#runs.set(id, run)
    this.#forgetOld()
    const input: RunInput = { url, path: route.path, role: route.role, ms: route.ms, connections: request.connections, durationS: request.durationS }
    const child = spawn(process.execPath, [...RUN_EXEC_ARGV, RUN_SCRIPT, JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'pipe'] })
    run.child = child
    // The worst a run can take: warm-up, its duration, and draining every connection's queued wait, twice.
    const deadlineMs = (request.durationS + 5) * 1000 + 2 * request.connections * route.ms + 60_000
    const deadline = setTimeout(() => { fail(run, `no result after ${Math.round(deadlineMs / 1000)} s`); child.kill('SIGKILL') }, deadlineMs).unref()

    let pending = ''
    let bytes = 0
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      bytes += chunk.length
      if (bytes > MAX_OUTPUT_BYTES) { fail(run, 'the run process said too much'); child.kill('SIGKILL'); return }
      const lines = (pending + chunk).split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) if (line !== '') hear(run, line)
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr = (stderr + chunk).slice(-KEPT_STDERR_CHARS) })
    child.on('error', (error) => { fail(run, `the run process did not start: ${error.message}`) })
    child.on('close', (code, signal) => {
      clearTimeout(deadline)
      run.child = undefined
      if (run.view.state === 'running') fail(run, `the run process ended (${signal ?? `exit ${code ?? '?'}`}) without a result: ${stderr.trim()}`)
      this.#onEnd(viewOf(run))
    })
    return viewOf(run)
  }

  /** Stops a run still going (the server is closing). */
  stopAll (): void {
    for (const run of this.#runs.values()) run.child?.kill('SIGTERM')
  }

  #forgetOld (): void {
    for (const [id, run] of this.#runs) {
      if (this.#runs.size <= KEPT_RUNS) break
      if (run.view.state !== 'running') this.#runs.delete(id)
    }
  }
}

function viewOf (run: Run): RunView {
  return { ...run.view, elapsedS: Math.round((Date.now() - run.started) / 100) / 10 }
}

function hear (run: Run, line: string): void {
  let message: RunMessage
  try {
    message = JSON.parse(line) as RunMessage
  } catch {
    return
  }
  if (message.type === 'progress') run.view.progress = message.message
  if (message.type === 'result' && run.view.state === 'running') {
    run.view.state = 'done'
    run.view.progress = 'done'
    run.view.result = { run: message.run, verdicts: message.verdicts }
  }
}

function fail (run: Run, error: string): void {
  if (run.view.state !== 'running') return
  run.view.state = 'failed'
  run.view.error = error
}
