// The liveness answer, shared by the lab's /health (routes/health.ts) and the slow upstream's: it
// answers as soon as the event loop gets to it, so its latency *is* the loop's backlog.
import { performance } from 'node:perf_hooks'
import { Type, type Static } from '@sinclair/typebox'

export const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  uptimeS: Type.Number({ description: 'Seconds since the process started.' })
})

export function health (): Static<typeof HealthSchema> {
  // performance.now() counts from the process's start too, and is a third of the cost of
  // process.uptime() (a native call that showed in the bench's profiles of this route).
  return { status: 'ok', uptimeS: Math.round(performance.now() / 100) / 10 }
}

export const HEALTH_SUMMARY = 'Liveness probe; slow only when something holds the event loop.'
