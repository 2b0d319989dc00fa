// Builds the real Dockerfile and runs the image hardened — read-only root file system, writable /tmp
// only — and checks that the server answers (/health, /metrics), as the unprivileged user, that the
// image carries its OCI labels, and that a SIGTERM stops it cleanly. Needs a container engine;
// .ci/run provides podman.
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../load-tests/core/project-root.js'
import { freePort, waitForHealth } from '../../load-tests/engine/server-process.js'
import { findContainerCli } from './container-cli.js'

const cli = findContainerCli()
const IMAGE = 'localhost/event-loop-lab:test'
const name = `event-loop-lab-test-${randomUUID().slice(0, 8)}`
let url = ''

function run (args: string[], timeoutMs = 60_000) {
  if (cli === undefined) throw new Error('no container engine')
  const result = spawnSync(cli.command, args, { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: timeoutMs })
  if (result.status !== 0) throw new Error(`${cli.command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`)
  return result.stdout.trim()
}

if (cli === undefined) {
  process.stderr.write('container test: neither docker nor podman is available here; skipping.\n')
}

describe.skipIf(cli === undefined)('the container image', () => {
  beforeAll(async () => {
    run(['build', ...(cli?.buildFlags ?? []), '-t', IMAGE, '.'], 600_000)
    const port = await freePort()
    run(['run', '-d', '--name', name, '--read-only', '--tmpfs', '/tmp', ...(cli?.runFlags ?? []), '-e', `PORT=${port}`, IMAGE])
    url = `http://127.0.0.1:${port}`
    await waitForHealth(url, 30_000)
  }, 660_000)

  afterAll(() => {
    if (cli !== undefined) spawnSync(cli.command, ['rm', '-f', name], { stdio: 'ignore', timeout: 30_000 })
  })

  it('answers /health and /sync/delay?ms=10', async () => {
    const health = await fetch(`${url}/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok' })
    const delay = await fetch(`${url}/sync/delay?ms=10`)
    expect(delay.status).toBe(200)
    expect(await delay.json()).toMatchObject({ mode: 'sync', work: 'delay', ms: 10 })
  })

  it('answers /metrics with the event-loop lag and the request histogram', async () => {
    const metrics = await fetch(`${url}/metrics`)
    expect(metrics.status).toBe(200)
    const text = await metrics.text()
    expect(text).toContain('nodejs_eventloop_lag_p99_seconds')
    expect(text).toContain('http_request_duration_seconds_bucket{')
  })

  it('runs on a read-only root file system: only /tmp is writable', () => {
    expect(() => run(['exec', name, 'touch', '/app/written'])).toThrow(/Read-only file system/)
    run(['exec', name, 'touch', '/tmp/written'])
  })

  it('carries the OCI labels, its version the package version', () => {
    const [image] = JSON.parse(run(['image', 'inspect', IMAGE])) as Array<Record<string, any>>
    const labels = (image?.Config?.Labels ?? image?.Labels) as Record<string, string>
    const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }
    expect(labels).toMatchObject({
      'org.opencontainers.image.title': 'event-loop-lab',
      'org.opencontainers.image.version': version,
      'org.opencontainers.image.licenses': 'MIT'
    })
    expect(labels['org.opencontainers.image.description']?.length).toBeGreaterThan(20)
  })

  it('runs its slow upstream in a worker thread: /sync/fetch and /async/fetch reach it', async () => {
    for (const path of ['/sync/fetch?ms=10', '/async/fetch?ms=10']) {
      const answer = await fetch(`${url}${path}`)
      expect(answer.status).toBe(200)
      expect(await answer.json()).toMatchObject({ work: 'fetch', ms: 10, upstreamMs: expect.any(Number) })
    }
  })

  it('runs as uid 1000 (the node user), in production mode', () => {
    expect(run(['exec', name, 'id', '-u'])).toBe('1000')
    expect(run(['exec', name, 'node', '-p', 'process.env.NODE_ENV'])).toBe('production')
  })

  it('declares a HEALTHCHECK that passes', () => {
    // Docker reports it under Config.Healthcheck, podman at the top level.
    const [image] = JSON.parse(run(['image', 'inspect', IMAGE])) as Array<Record<string, any>>
    const check = image?.Config?.Healthcheck ?? image?.Healthcheck
    expect(JSON.stringify(check)).toContain('/health')
    const probe = check.Test as string[]
    expect(probe[0]).toBe('CMD')
    run(['exec', name, ...probe.slice(1)])
  })

  it('stops cleanly on SIGTERM: node is PID 1 and exits 0', () => {
    expect(run(['exec', name, 'cat', '/proc/1/cmdline']).split('\0')[0]).toBe('node')
    run(['stop', '--time', '10', name])
    expect(run(['inspect', '--format', '{{.State.ExitCode}}', name])).toBe('0')
  })
})
