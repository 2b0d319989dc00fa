// The server's own view of a run, from its GET /stats: how late its event loop ran and how busy it
// was while autocannon loaded it, and its memory. Client-side latencies say what the clients waited;
// this says why. A server without /stats (an older build behind --url) reads as null, not an error.
import { ServerLoopSchema, type ServerLoop } from '../core/route-run.js'
import { Value } from '@sinclair/typebox/value'
import { LoopStatsSchema, type LoopStats } from '../../src/loop-stats.js'
import { getJson } from './json-client.js'

// Node's delay monitor does not record the first timer interval after a reset (src/loop-stats.ts):
// wait a few intervals so a stall at the very start of the load is not lost.
const AFTER_RESET_MS = 30

export async function readServerStats (url: string, reset = false): Promise<LoopStats | null> {
  try {
    return await getJson(url, `/stats${reset ? '?reset=true' : ''}`, LoopStatsSchema)
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
