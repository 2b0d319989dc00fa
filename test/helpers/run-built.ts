// Runs a compiled entry (dist/...) to completion in its own process, as a user would from npm run.
import { spawn } from 'node:child_process'
import { PROJECT_ROOT } from '../../load-tests/core/project-root.js'

export interface BuiltRun {
  /** The exit code; null when a signal ended it (SIGKILL after `timeoutMs`, for one). */
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/**
 * `node <script> ...args` from the checkout's root, with `env` over this process's environment.
 * Never rejects: a failure to start is in `stderr`, and a run still going after `timeoutMs` is
 * killed, so every outcome is there for the test to expect on.
 */
export async function runBuilt (script: string, args: string[] = [], options: { env?: Record<string, string>, timeoutMs?: number } = {}): Promise<BuiltRun> {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000)
  try {
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
      child.once('error', (error) => {
        stderr += `${error.message}\n`
        resolve([null, null])
      })
      // 'close' rather than 'exit': by then stdout and stderr have been read to the end.
      child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]))
    })
    return { code, signal, stdout, stderr }
  } finally {
    clearTimeout(timer)
  }
}
