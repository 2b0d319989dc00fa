// JSON.parse and JSON.stringify of a large document: on the event loop, or on the worker pool.
// Moving it is not free: the text is copied to the worker (structured clone; a string is a plain
// copy, fast next to parsing it), and an object sent back would be cloned again at about the cost of
// parsing. So the pool pays when the loop needs only a small result back (a count, a validated
// summary, re-serialised text), and not when it needs the whole parsed object.
import type { Piscina } from 'piscina'
import { reportBlocker, reportBlockerAsync, type BlockerReport } from './report.js'
import type { CostModel } from './calibration.js'
import { KIB, type GeneratedDocument } from './document.js'
import { runOnPool } from '../pool-task.js'

/** Parses the document and serialises it again; answers with what it saw, the same on any thread. */
export function parseAndSerialise (text: string): string {
  const records = JSON.parse(text) as unknown[]
  const serialised = JSON.stringify(records)
  return `${records.length} records, ${serialised.length} characters`
}

/** Blocking: parsing holds the loop for the whole document; no interrupt, no other request. */
export function jsonOnLoop (document: GeneratedDocument, kib: number, model: CostModel): BlockerReport {
  const text = document.json(kib * KIB)
  return reportBlocker({ work: 'json', variant: 'event-loop', mode: 'sync', size: kib, estimatedMs: model.estimateMs(kib) },
    () => parseAndSerialise(text))
}

/** On a pool worker: the loop only copies the text over and gets the short answer back. */
export async function jsonOnPool (pool: Piscina, workerFilename: string, document: GeneratedDocument, kib: number, model: CostModel, signal?: AbortSignal): Promise<BlockerReport> {
  return reportBlockerAsync({ work: 'json', variant: 'worker-pool', mode: 'worker', size: kib, estimatedMs: model.estimateMs(kib) },
    // The text is cut only once the queue has room: a refused request costs nothing.
    async () => runOnPool<string>(pool, () => document.json(kib * KIB), { filename: workerFilename, signal, retryAfterS: 1 }))
}
