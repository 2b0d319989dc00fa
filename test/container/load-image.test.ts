// The Dockerfile's `load` stage: the load-test kit in an image, run against a server it did not start
// (here the runtime image, on host networking), with no Node.js needed on the host.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, waitForHealth } from '../../load-tests/engine/server-process.js'
import { findContainerCli } from './container-cli.js'
import { runTool } from './run-cli.js'

const cli = findContainerCli()
const SERVER_IMAGE = 'localhost/event-loop-lab:test'
const LOAD_IMAGE = 'localhost/event-loop-lab-load:test'
const name = `event-loop-lab-load-test-${randomUUID().slice(0, 8)}`
let url = ''

if (cli === undefined) process.stderr.write('load image test: neither docker nor podman is available here; skipping.\n')

describe.skipIf(cli === undefined)('the load-test image', () => {
  const tool = (args: string[], timeoutMs = 300_000) => runTool(cli?.command ?? '', args, { timeoutMs, allowFailure: true })

  beforeAll(async () => {
    runTool(cli?.command ?? '', ['build', ...(cli?.buildFlags ?? []), '-t', SERVER_IMAGE, '.'], { timeoutMs: 900_000 })
    runTool(cli?.command ?? '', ['build', ...(cli?.buildFlags ?? []), '--target', 'load', '-t', LOAD_IMAGE, '.'], { timeoutMs: 900_000 })
    const port = await freePort()
    runTool(cli?.command ?? '', ['run', '-d', '--name', name, ...(cli?.runFlags ?? []), '-e', `PORT=${port}`, SERVER_IMAGE])
    url = `http://127.0.0.1:${port}`
    await waitForHealth(url, 60_000)
  }, 1_900_000)

  afterAll(() => { tool(['rm', '-f', name], 60_000) })

  it('--url: loads the delay pair of a running server and prints the tables and the verdict', () => {
    const run = tool(['run', '--rm', ...(cli?.runFlags ?? []), LOAD_IMAGE, '--url', url, '--pairs', 'delay', '--ms', '20', '--connections', '10', '--duration', '2'])
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0)
    expect(run.stderr).toContain(`target: ${url}`)
    expect(run.stdout).toMatch(/^Verdict$/m)
    expect(run.stdout).toMatch(/^[✓✗] delay: blocking throughput collapsed/m)
    expect(run.stdout).toMatch(/^ +[✓✗] \/sync\/delay\?ms=20 /m)
    expect(run.stdout).toMatch(/^Report: load-tests\/results\/.*report\.html$/m)
  }, 400_000)

  it('refuses a bad option with exit code 2 and one line naming it', () => {
    const run = tool(['run', '--rm', ...(cli?.runFlags ?? []), LOAD_IMAGE, '--url', 'localhost:3000'])
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('--url must be an http:// or https:// URL')
  }, 400_000)
})
