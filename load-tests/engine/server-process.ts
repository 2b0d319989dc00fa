// Starts the built server as a child process and finds its URL in its JSON log. Load tests and
// blocking tests need the server in *another* process: a client inside a blocked process is frozen
// too and could never see the stall.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type AddressInfo } from 'node:net'
import { createInterface } from 'node:readline'
import { PROJECT_ROOT } from '../core/project-root.js'
import { timeHealth } from './health-probe.js'

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
  /** Command and arguments; defaults to the built entry, as the Dockerfile's CMD runs it. */
  command?: string[]
  env?: Record<string, string>
  startTimeoutMs?: number
  /**
   * How many stdout lines `logs` keeps (the oldest are dropped). The pipe is always read to the end
   * — a full pipe would block the server's logger and so the server — but a long load test must not
   * keep every line in memory.
   */
  keepLogLines?: number
  keepStderrChars?: number
}

const POLL_INTERVAL_MS = 50
const DEFAULT_KEEP_LOG_LINES = 10_000
const DEFAULT_KEEP_STDERR_CHARS = 64 * 1024

/** A loopback port that was free a moment ago (the OS picks it; the server takes it right after). */
export async function freePort (): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
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
  const [command = process.execPath, ...args] = options.command ?? [process.execPath, 'dist/src/server.js']
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
  createInterface({ input: child.stdout }).on('line', (line) => {
    logs.push(parseLine(line))
    if (logs.length > keepLogLines) logs.splice(0, logs.length - keepLogLines)
  })
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
