// deploy/kubernetes/*.yaml against the Kubernetes API schemas (kubernetes-models validates each object
// offline: types, required fields, enums) and against this server: the probes reach /health on the
// port it listens on, the liveness probe outwaits the longest request the pod's MAX_DELAY_MS allows,
// every environment variable is one the server knows and its value passes the server's own check.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'
import { describe, expect, it } from 'vitest'
import { Deployment } from 'kubernetes-models/apps/v1'
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2'
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1'
import { Service } from 'kubernetes-models/v1'
import { ConfigSchema, loadConfig } from '../../src/config.js'
import { PROJECT_ROOT } from '../../load-tests/core/project-root.js'

const DIR = join(PROJECT_ROOT, 'deploy', 'kubernetes')
const MODELS: Record<string, new (data: any) => { validate: () => void }> = {
  'apps/v1 Deployment': Deployment,
  'v1 Service': Service,
  'autoscaling/v2 HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget
}

type Manifest = Record<string, any> & { apiVersion: string, kind: string }
const manifests: Array<{ file: string, object: Manifest }> = readdirSync(DIR).filter((file) => file.endsWith('.yaml')).flatMap((file) =>
  parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map((document) => ({ file, object: document.toJS() as Manifest })))
const only = (kind: string): Manifest => {
  const found = manifests.filter((manifest) => manifest.object.kind === kind)
  if (found.length !== 1) throw new Error(`expected one ${kind} in ${DIR}, found ${found.length}`)
  return found[0]?.object as Manifest
}

/** Seconds a probe lets a silent server go before the container is acted on. */
function silenceBeforeAction (probe: { periodSeconds?: number, timeoutSeconds?: number, failureThreshold?: number }): number {
  // Kubernetes' defaults: period 10 s, timeout 1 s, 3 failures.
  return ((probe.failureThreshold ?? 3) - 1) * (probe.periodSeconds ?? 10) + (probe.timeoutSeconds ?? 1)
}

it('holds a Deployment, a Service, a HorizontalPodAutoscaler and a PodDisruptionBudget, each valid against its API schema', () => {
  expect(manifests.map(({ object }) => `${object.apiVersion} ${object.kind}`).sort()).toEqual(Object.keys(MODELS).sort())
  for (const { file, object } of manifests) {
    const Model = MODELS[`${object.apiVersion} ${object.kind}`]
    expect(Model, file).toBeDefined()
    expect(() => new (Model as NonNullable<typeof Model>)(object).validate(), file).not.toThrow()
  }
})

it('the schema check refuses a broken manifest (a probe timeout as text, a Deployment without selector)', () => {
  const deployment = structuredClone(only('Deployment')) as any
  deployment.spec.template.spec.containers[0].livenessProbe.timeoutSeconds = '12s'
  expect(() => new Deployment(deployment).validate()).toThrow(/timeoutSeconds must be integer/)
  delete deployment.spec.selector
  expect(() => new Deployment(deployment).validate()).toThrow(/spec must have required property selector/)
})

describe('the Deployment', () => {
  const deployment = only('Deployment')
  const pod = deployment.spec.template.spec
  const [container] = pod.containers
  const env = Object.fromEntries((container.env as Array<{ name: string, value: string }>).map(({ name, value }) => [name, value]))
  const config = loadConfig(env)

  it('sets only variables the server knows, each valid, one process per pod', () => {
    expect(Object.keys(env).filter((name) => !(name in ConfigSchema.properties))).toEqual([])
    expect(config.WORKERS).toBe(1)
    expect(container.ports).toEqual([{ name: 'http', containerPort: config.PORT }])
  })

  it('has a CPU limit of whole cores and a compute pool no larger than it', () => {
    const cpuLimit = Number(container.resources.limits.cpu)
    expect(Number.isInteger(cpuLimit) && cpuLimit >= 1).toBe(true)
    expect(config.COMPUTE_POOL_SIZE).toBeLessThanOrEqual(cpuLimit)
    expect(container.resources.requests.cpu).toBeDefined()
  })

  it('probes /health on the port the server listens on', () => {
    for (const probe of [container.readinessProbe, container.livenessProbe]) {
      expect(probe.httpGet).toEqual({ path: '/health', port: config.PORT })
    }
  })

  it('liveness outwaits the longest request MAX_DELAY_MS allows, and several back to back; the defaults would not', () => {
    const maxDelayS = config.MAX_DELAY_MS / 1000
    expect(container.livenessProbe.timeoutSeconds).toBeGreaterThan(maxDelayS)
    expect(silenceBeforeAction(container.livenessProbe)).toBeGreaterThan(5 * maxDelayS)
    expect(silenceBeforeAction({})).toBeLessThan(3 * maxDelayS)
  })

  it('readiness gives up on a busy pod long before liveness would restart it', () => {
    expect(silenceBeforeAction(container.readinessProbe)).toBeLessThan(silenceBeforeAction(container.livenessProbe) / 4)
  })

  it('gives a terminating pod more time than the server takes to drain', () => {
    expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(config.SHUTDOWN_GRACE_MS)
  })

  it('is the one the Service, the autoscaler and the disruption budget point at', () => {
    const labels = deployment.spec.template.metadata.labels
    expect(deployment.spec.selector.matchLabels).toEqual(labels)
    expect(only('Service').spec.selector).toEqual(labels)
    expect(only('Service').spec.ports[0].targetPort).toBe('http')
    expect(only('PodDisruptionBudget').spec.selector.matchLabels).toEqual(labels)
    expect(only('HorizontalPodAutoscaler').spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name })
    expect(only('HorizontalPodAutoscaler').spec.minReplicas).toBeGreaterThan(only('PodDisruptionBudget').spec.minAvailable)
  })
})
