// deploy/kubernetes/deployment.yaml run as Kubernetes would run its pod, by `podman kube play` (podman
// only: Docker has no equivalent). The manifest is played as written except for the port: the pod
// shares the host's network here, so the port moves to a free one, and the `ports` list goes (podman
// refuses port mappings on the host network; there the container's port is the host's). Then /health
// and the delay pair are asked from the pod, and `kube down` removes it.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseDocument } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../load-tests/core/project-root.js'
import { freePort, waitForHealth } from '../../load-tests/engine/server-process.js'
import { findContainerCli } from './container-cli.js'
import { runTool } from './run-cli.js'

const cli = findContainerCli()
const podman = cli?.command.includes('podman') === true ? cli : undefined
const MANIFEST = join(PROJECT_ROOT, 'deploy', 'kubernetes', 'deployment.yaml')
const workDir = mkdtempSync(join(tmpdir(), 'kube-play-'))
const played = join(workDir, 'deployment.yaml')
let url = ''

if (podman === undefined) process.stderr.write('kubernetes test: podman kube play needs podman, not found here; skipping.\n')

const name = `event-loop-lab-${randomUUID().slice(0, 8)}`

/** The manifest with its name made unique and the port moved to `port`, on the host's network. */
function onPort (port: number): string {
  const manifest = parseDocument(readFileSync(MANIFEST, 'utf8')).toJS() as Record<string, any>
  manifest.metadata.name = name
  const container = manifest.spec.template.spec.containers[0]
  for (const variable of container.env as Array<{ name: string, value: string }>) if (variable.name === 'PORT') variable.value = String(port)
  expect(container.ports).toEqual([{ name: 'http', containerPort: 3000 }])
  delete container.ports
  container.readinessProbe.httpGet.port = port
  container.livenessProbe.httpGet.port = port
  return JSON.stringify(manifest)
}

describe.skipIf(podman === undefined)('the Kubernetes Deployment, played by podman', () => {
  const tool = (args: string[], timeoutMs = 300_000) => runTool(podman?.command ?? '', args, { timeoutMs })

  beforeAll(async () => {
    // The image the manifest names, built from this checkout.
    const image = (readFileSync(MANIFEST, 'utf8').match(/^\s*image:\s*(\S+)\s*$/m) ?? [])[1] ?? ''
    tool(['build', ...(podman?.buildFlags ?? []), '-t', `localhost/${image}`, '.'], 900_000)
    const port = await freePort()
    writeFileSync(played, onPort(port))
    tool(['kube', 'play', '--network', 'host', played])
    url = `http://127.0.0.1:${port}`
    await waitForHealth(url, 60_000)
  }, 1_000_000)

  afterAll(() => {
    if (podman !== undefined) runTool(podman.command, ['kube', 'down', played], { timeoutMs: 120_000, allowFailure: true })
    rmSync(workDir, { recursive: true, force: true })
  })

  it('serves /health and the delay pair from the pod', async () => {
    const health = await fetch(`${url}/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok' })
    for (const mode of ['sync', 'async']) {
      const answer = await fetch(`${url}/${mode}/delay?ms=20`)
      expect(answer.status).toBe(200)
      expect(await answer.json()).toMatchObject({ mode, work: 'delay', ms: 20 })
    }
  })

  it('runs with the manifest\'s settings: MAX_DELAY_MS bounds the delay pair', async () => {
    const maxDelayMs = Number((readFileSync(MANIFEST, 'utf8').match(/name: MAX_DELAY_MS\s+value: "(\d+)"/) ?? [])[1])
    expect(maxDelayMs).toBeGreaterThan(0)
    const answer = await fetch(`${url}/async/delay?ms=${maxDelayMs + 1}`)
    expect(answer.status).toBe(400)
    expect(JSON.stringify(await answer.json())).toContain(`to ${maxDelayMs}`)
  })

  it('turned the liveness probe into a health check on /health', () => {
    const containers = tool(['ps', '--format', '{{.Names}}', '--filter', `name=${name}`]).stdout
    const server = containers.trim().split('\n').find((line) => line.endsWith('-server'))
    expect(server).toBeDefined()
    const check = tool(['inspect', '--format', '{{json .Config.Healthcheck}}', server ?? '']).stdout
    expect(check).toContain('/health')
  })
})
