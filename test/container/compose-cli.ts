// The compose tool that goes with the container CLI: podman-compose beside podman (with the podman
// wrapper first on PATH, so compose's podman has this machine's settings), `docker compose` beside docker.
import { spawnSync } from 'node:child_process'
import { dirname } from 'node:path'
import type { ContainerCli } from './container-cli.js'

export interface ComposeCli {
  command: string
  /** Arguments before compose's own (`compose` for docker). */
  prefix: string[]
  env: Record<string, string>
}

export function findComposeCli (cli: ContainerCli): ComposeCli | undefined {
  if (cli.command.includes('podman')) {
    const env: Record<string, string> = cli.command.includes('/') ? { PATH: `${dirname(cli.command)}:${process.env.PATH ?? ''}` } : {}
    const found = spawnSync('podman-compose', ['version'], { stdio: 'ignore', timeout: 30_000, env: { ...process.env, ...env } }).status === 0
    return found ? { command: 'podman-compose', prefix: [], env } : undefined
  }
  const found = spawnSync(cli.command, ['compose', 'version'], { stdio: 'ignore', timeout: 30_000 }).status === 0
  return found ? { command: cli.command, prefix: ['compose'], env: {} } : undefined
}
