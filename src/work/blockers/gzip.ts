// gzip of a generated document: gzipSync on the event loop, or gzip on libuv's threadpool.
import { gzip, gzipSync } from 'node:zlib'
import { promisify } from 'node:util'
import { reportBlocker, reportBlockerAsync, type BlockerReport } from './report.js'
import type { CostModel } from './calibration.js'
import { KIB, type GeneratedDocument } from './document.js'

const gzipOnThreadpool = promisify(gzip)
// The best compression, as for assets compressed once and served many times: about eight times the
// CPU of the default level, which is what makes compressing on the loop hurt.
const OPTIONS = { level: 9 }

/** gzipSync with the blocker's options: what the blocking variant runs and the calibration times. */
export function gzipOnLoop (input: Buffer): Buffer {
  return gzipSync(input, OPTIONS)
}

function answer (input: Buffer, gzipped: Buffer): string {
  return `${input.length} bytes, ${gzipped.length} gzipped`
}

/** Blocking: the loop compresses every byte itself. */
export function gzipBlocking (document: GeneratedDocument, kib: number, model: CostModel): BlockerReport {
  const input = document.bytes(kib * KIB)
  return reportBlocker({ work: 'zlib', variant: 'gzipSync', mode: 'sync', size: kib, estimatedMs: model.estimateMs(kib) },
    () => answer(input, gzipOnLoop(input)))
}

/** Non-blocking: the same compression on a threadpool thread, the same bytes out. */
export async function gzipNonBlocking (document: GeneratedDocument, kib: number, model: CostModel): Promise<BlockerReport> {
  const input = document.bytes(kib * KIB)
  return reportBlockerAsync({ work: 'zlib', variant: 'gzip', mode: 'async', size: kib, estimatedMs: model.estimateMs(kib) },
    async () => answer(input, await gzipOnThreadpool(input, OPTIONS)))
}
