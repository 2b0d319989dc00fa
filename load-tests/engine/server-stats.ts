// The server's own view of a run, from its GET /stats: how late its event loop ran and how busy it
// was while autocannon loaded it, and its memory. Client-side latencies say what the clients waited;
// this says why. A server without /stats (an older build behind --url) reads as null, not an error.
import { ServerLoopSchema, type HeldBy, type ServerLoop } from '../core/route-run.js'
import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { culprit, StallSchema } from '../../src/stalls/stall-report.js'
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
  return stats === null ? null : windowOf(stats)
}

/** `stats` as ServerLoopSchema picks it (Value.Clean drops the rest in place: pass the caller's own copy). */
function windowOf (stats: unknown): ServerLoop | null {
  if (!Value.Check(LoopStatsSchema, stats)) return null
  const window = Value.Clean(ServerLoopSchema, stats)
  return Value.Check(ServerLoopSchema, window) ? window : null
}

const StallListSchema = Type.Object({ stallsTotal: Type.Integer(), stalls: Type.Array(StallSchema) })
const CULPRITS_KEPT = 3

/** The server's stall count now; null when its /stats has none (no stall detector, an older build). */
export async function readStallCount (url: string): Promise<number | null> {
  try {
    return (await getJson(url, '/stats', StallListSchema)).stallsTotal
  } catch {
    return null
  }
}

/**
 * Once the run is over, from one GET /stats: the window since startServerWindow (null without /stats)
 * and what held the loop since `since` (an ISO time) and `countBefore` (readStallCount then; null
 * without a stall detector).
 */
export async function readRunEnd (url: string, countBefore: number | null, since: string): Promise<{ server: ServerLoop | null, heldBy: HeldBy | null }> {
  let stats: unknown
  try {
    stats = await getJson(url, '/stats', Type.Unknown())
  } catch {
    return { server: null, heldBy: null }
  }
  // heldBy first: windowOf cleans `stats` of the stall list in place.
  const heldBy = countBefore !== null && Value.Check(StallListSchema, stats) ? heldSince(stats, countBefore, since) : null
  return { heldBy, server: windowOf(stats) }
}

function heldSince (list: Static<typeof StallListSchema>, countBefore: number, since: string): HeldBy {
  const kept = list.stalls.filter((stall) => stall.at >= since)
  const counts = new Map<string, number>()
  for (const stall of kept) {
    const where = culprit(stall.frames) ?? 'stack not read'
    counts.set(where, (counts.get(where) ?? 0) + 1)
  }
  return {
    stalls: list.stallsTotal - countBefore,
    longestMs: kept.length === 0 ? null : Math.max(...kept.map((stall) => stall.heldMs)),
    culprits: [...counts].sort((a, b) => b[1] - a[1]).slice(0, CULPRITS_KEPT).map(([where, stalls]) => ({ where, stalls }))
  }
}
