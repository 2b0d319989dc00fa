// The liveness answer, shared by the lab's /health (routes/health.ts) and the slow upstream's: it
// answers as soon as the event loop gets to it, so its latency *is* the loop's backlog.
import { Type, type Static } from '@sinclair/typebox'

export const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  uptimeS: Type.Number({ description: 'Seconds since the process started.' })
})

export function health (): Static<typeof HealthSchema> {
  return { status: 'ok', uptimeS: Math.round(process.uptime() * 10) / 10 }
}

export const HEALTH_SUMMARY = 'Liveness probe; slow only when something holds the event loop.'
