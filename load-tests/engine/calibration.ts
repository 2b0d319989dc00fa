// What one call of a route really takes here, for the bounds that cannot be read from --ms: a real
// HTTP call (the upstream's wait plus the round trip) or real CPU work (a hash). Calls are made one
// at a time, so none waits for another, and timed by the server (the answers' elapsedMs).
import { roundMs, WorkReportSchema } from '../../src/work/report.js'
import { JsonClient } from './json-client.js'
import type { ScenarioContext } from '../core/scenario.js'
import { percentile } from '../core/statistics.js'

/** The median handler time, in ms with one decimal, of `count` GET `path` made one after another. */
export async function medianHandlerMs (ctx: ScenarioContext, path: string, count: number): Promise<number> {
  const client = new JsonClient(ctx.url)
  try {
    const times: number[] = []
    for (let call = 0; call < count; call++) times.push((await client.get(path, WorkReportSchema)).elapsedMs)
    return roundMs(percentile(times, 50) ?? Number.NaN)
  } finally {
    client.close()
  }
}
