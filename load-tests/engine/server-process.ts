// Starts the built server as a child process and finds its URL in its JSON log. Load tests and
// blocking tests need the server in *another* process: a client inside a blocked process is frozen
// too and could never see the stall.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type AddressInfo } from 'node:net'
import { createInterface } from 'node:readline'
import { PROJECT_ROOT } from '../core/project-root.js'
import { timeHealth } from './health-probe.js'
import { nodeCommand } from '../../src/node-flags.js'

export interface ServerProcess {
  url: string
  child: ChildProcess
  /** The last `keepLogLines` stdout lines, parsed when they are JSON. */
  logs: Array<Record<string, unknown>>
  /** The last `keepStderrChars` characters of stderr. */
  stderr: () => string
  /** Sends `signal` (SIGTERM by default) and resolves with how the process ended. */
  stop: (signal?: NodeJS.Signals) => Promise<ProcessExit>
  exited: Promise<ProcessExit>
}

export interface ProcessExit {
  code: number | null
  signal: NodeJS.Signals | null
}

export interface StartOptions {
  /** Command and arguments; defaults to the built entry with the server's Node flags, as `npm start` and the Dockerfile's CMD run it. */
  command?: string[]
  env?: Record<string, string>
  startTimeoutMs?: number
  /**
   * How many stdout lines `logs` keeps (the oldest are dropped). The pipe is always read to the end
   * — a full pipe would block the server's logger and so the server — but a long load test must not
   * keep every line in memory. 0: read and discard them unparsed.
   */
  keepLogLines?: number
  keepStderrChars?: number
}

const POLL_INTERVAL_MS = 50
const DEFAULT_KEEP_LOG_LINES = 10_000
const DEFAULT_KEEP_STDERR_CHARS = 64 * 1024

// Ports handed to a server we start: below every system's ephemeral range (Linux 32768–60999, macOS and
// Windows 49152–65535). A port the kernel picked with listen(0) is free only until someone else's
// listen(0) or outgoing connection takes it, and the server we start spawns such listeners itself
// (the embedded upstream): the load test once found the upstream's /health on "its" port.
const PORT_RANGE = { from: 20_000, to: 32_767 }
const PORT_ATTEMPTS = 50

/** The loopback port a listen on `port` got (0: the kernel picks), closed again; undefined when it was taken. */
async function canListen (port: number): Promise<number | undefined> {
  const probe = createServer()
  const bound = await new Promise<boolean>((resolve) => {
    probe.once('error', () => { resolve(false) }).listen(port, '127.0.0.1', () => { resolve(true) })
  })
  if (!bound) return undefined
  const { port: got } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return got
}

/** A port that is free now, outside the ephemeral range when one is (else any the kernel picks). */
export async function freePort (): Promise<number> {
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    const port = await canListen(PORT_RANGE.from + Math.floor(Math.random() * (PORT_RANGE.to - PORT_RANGE.from + 1)))
    if (port !== undefined) return port
  }
  const port = await canListen(0)
  if (port === undefined) throw new Error('no free port on 127.0.0.1')
  return port
}

/** Polls `${url}/health` until it answers 200, at most until `timeoutMs`; throws if it never does. */
export async function waitForHealth (url: string, timeoutMs: number, stillRunning: () => boolean = () => true): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (performance.now() < deadline && stillRunning()) {
    // A failure (not listening yet) reads as status 0.
    if ((await timeHealth(url, false, 1000)).status === 200) return
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS))
  }
  throw new Error(`${url}/health did not answer 200 within ${timeoutMs} ms`)
}

export async function startServerProcess (options: StartOptions = {}): Promise<ServerProcess> {
  const [command = process.execPath, ...args] = options.command ?? nodeCommand()
  const port = await freePort()
  const child = spawn(command === 'node' ? process.execPath : command, args, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NODE_ENV: 'production', ...options.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const keepLogLines = options.keepLogLines ?? DEFAULT_KEEP_LOG_LINES
  const keepStderrChars = options.keepStderrChars ?? DEFAULT_KEEP_STDERR_CHARS
  const logs: Array<Record<string, unknown>> = []
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr = (stderr + chunk).slice(-keepStderrChars) })
  if (keepLogLines === 0) {
    // Read to the end and thrown away unparsed: a load test of a server that logs every request
    // must not spend its own CPU, which the load generator needs, parsing the lines.
    child.stdout.resume()
  } else {
    createInterface({ input: child.stdout }).on('line', (line) => {
      logs.push(parseLine(line))
      if (logs.length > keepLogLines) logs.splice(0, logs.length - keepLogLines)
    })
  }
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })

  const url = `http://127.0.0.1:${port}`
  try {
    await waitForHealth(url, options.startTimeoutMs ?? 10_000, () => child.exitCode === null)
  } catch (error) {
    child.kill('SIGKILL')
    throw new Error(`server did not start: ${(error as Error).message}\n${stderr}`)
  }

  return {
    url,
    child,
    logs,
    stderr: () => stderr,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    }
  }
}

function parseLine (line: string): Record<string, unknown> {
  try {
    return JSON.parse(line) as Record<string, unknown>
  } catch {
    return { msg: line }
  }
}
