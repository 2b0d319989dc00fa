// compose.yaml as a user runs it: `podman-compose up --build --exit-code-from load` (or docker compose)
// builds both images, starts the server, and the one-shot load service waits for the server's /health,
// runs the delay pair against it and exits with the verdict's status. .ci/run installs podman-compose.
import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { findComposeCli } from './compose-cli.js'
import { findContainerCli } from './container-cli.js'
import { runTool } from './run-cli.js'

const cli = findContainerCli()
const compose = cli === undefined ? undefined : findComposeCli(cli)
const project = `event-loop-lab-test-${randomUUID().slice(0, 8)}`

if (cli === undefined) process.stderr.write('compose test: neither docker nor podman is available here; skipping.\n')

describe.skipIf(cli === undefined)('compose.yaml', () => {
  afterAll(() => {
    if (compose !== undefined) runTool(compose.command, [...compose.prefix, '-p', project, 'down'], { env: compose.env, timeoutMs: 120_000, allowFailure: true })
  }, 150_000)

  it('up: the server starts, the load service runs the delay pair against it and exits 0 with the verdict printed', () => {
    // A container engine without its compose tool is a broken set-up here, not a reason to skip.
    expect(compose, 'podman-compose (or docker compose) is missing').toBeDefined()
    if (compose === undefined) return
    // Detached (-d): an attached `up` leaves `podman start -a` of the server running after the load
    // service exits, holding the output pipe open, so a caller that reads it to the end never returns.
    // The load service's exit code and output come from the engine instead.
    const up = runTool(compose.command, [...compose.prefix, '-p', project, 'up', '-d', '--build'], {
      env: compose.env,
      // Two image builds: on podman's vfs storage and a busy 2-core machine, many minutes.
      timeoutMs: 2_700_000,
      allowFailure: true
    })
    expect(up.status, `${up.stdout}\n${up.stderr}`.slice(-6000)).toBe(0)
    const load = cli?.command.includes('podman') === true ? `${project}_load_1` : `${project}-load-1`
    const waited = runTool(cli?.command ?? '', ['wait', load], { timeoutMs: 600_000, allowFailure: true })
    const logs = runTool(cli?.command ?? '', ['logs', load], { timeoutMs: 60_000, allowFailure: true })
    const output = `${logs.stdout}\n${logs.stderr}`
    expect(waited.stdout.trim(), output.slice(-6000)).toBe('0')
    expect(output).toContain('waiting up to 60 s for http://server:3000/health')
    expect(output).toContain('target: http://server:3000')
    expect(output).toMatch(/^.*Verdict\s*$/m)
    expect(output).toMatch(/✓ .*\/async\/delay\?ms=200/)
    expect(output).not.toMatch(/✗/)
  }, 2_800_000)
})
