// Runs the container CLI (or its compose companion) to completion and hands back what it printed;
// a non-zero exit throws with the output, so a failed build or run explains itself in the test.
import { spawnSync } from 'node:child_process'
import { PROJECT_ROOT } from '../../load-tests/core/project-root.js'

export interface CliResult {
  status: number | null
  stdout: string
  stderr: string
}

export function runTool (command: string, args: string[], options: { timeoutMs?: number, env?: Record<string, string>, allowFailure?: boolean } = {}): CliResult {
  const result = spawnSync(command, args, {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    env: { ...process.env, ...options.env },
    maxBuffer: 64 * 1024 * 1024
  })
  const output = { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' }
  if (result.status !== 0 && options.allowFailure !== true) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal ?? result.error?.message}):\n${output.stdout.slice(-4000)}\n${output.stderr.slice(-4000)}`)
  }
  return output
}
