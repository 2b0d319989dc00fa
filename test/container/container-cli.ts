// Finds a way to build and run containers here: LAB_CONTAINER_CLI if set, else the workplace's
// podman wrapper (../shared/container/podman, which adds the flags these machines need and host
// networking), else podman or a docker engine that answers.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { PROJECT_ROOT } from '../../load-tests/core/project-root.js'

export interface ContainerCli {
  command: string
  /** Flags `run` needs for the container's port to be the host's port. */
  runFlags: string[]
  /** Podman writes OCI images unless told otherwise, and OCI images drop HEALTHCHECK. */
  buildFlags: string[]
}

const PODMAN_BUILD = ['--format', 'docker']

function answers (command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore', timeout: 30_000 }).status === 0
}

export function findContainerCli (): ContainerCli | undefined {
  const configured = process.env.LAB_CONTAINER_CLI
  if (configured !== undefined && configured !== '') {
    return { command: configured, runFlags: [], buildFlags: configured.includes('podman') ? PODMAN_BUILD : [] }
  }
  const wrapper = join(PROJECT_ROOT, '..', 'shared', 'container', 'podman')
  if (existsSync(wrapper) && answers(wrapper, ['--version'])) return { command: wrapper, runFlags: [], buildFlags: PODMAN_BUILD }
  if (answers('podman', ['info'])) return { command: 'podman', runFlags: ['--network', 'host'], buildFlags: PODMAN_BUILD }
  if (answers('docker', ['info'])) return { command: 'docker', runFlags: ['--network', 'host'], buildFlags: [] }
  return undefined
}
