// The server's own view of a run, from its GET /stats: how late its event loop ran and how busy it
// was while autocannon loaded it, and its memory. Client-side latencies say what the clients waited;
// this says why. A server without /stats (an older build behind --url) reads as null, not an error.
import { ServerLoopSchema, type ServerLoop } from '../core/route-run.js'
import { Value } from '@sinclair/typebox/value'
import { LoopStatsSchema, type LoopStats } from '../../src/loop-stats.js'

const STATS_TIMEOUT_MS = 30_000
// Node's delay monitor does not record the first timer interval after a reset (src/loop-stats.ts):
// wait a few intervals so a stall at the very start of the load is not lost.
const AFTER_RESET_MS = 30

export async function readServerStats (url: string, reset = false): Promise<LoopStats | null> {
  try {
    const response = await fetch(`${url}/stats${reset ? '?reset=true' : ''}`, { signal: AbortSignal.timeout(STATS_TIMEOUT_MS) })
    if (!response.ok) return null
    const stats: unknown = await response.json()
    return Value.Check(LoopStatsSchema, stats) ? stats : null
  } catch {
    return null
  }
}

/** Starts a fresh /stats window just before a run. */
export async function startServerWindow (url: string): Promise<void> {
  await readServerStats(url, true)
  await new Promise((resolve) => setTimeout(resolve, AFTER_RESET_MS))
}

/** The window since startServerWindow, once the run is over. */
export async function readServerWindow (url: string): Promise<ServerLoop | null> {
  const stats = await readServerStats(url)
  if (stats === null) return null
  // Clean drops what ServerLoopSchema does not pick (in place: `stats` is this call's own copy).
  const window = Value.Clean(ServerLoopSchema, stats)
  return Value.Check(ServerLoopSchema, window) ? window : null
}
