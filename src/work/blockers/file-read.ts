// Reading a file `reads` times: readFileSync on the event loop, or fs.promises on libuv's threadpool
// (the same threadpool as the hash pair's crypto.pbkdf2, UV_THREADPOOL_SIZE threads). From the page
// cache one read is fast; what blocks is a read per request, or per item, adding up on the loop —
// and on a slow or network disk, every single one.
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { reportBlocker, reportBlockerAsync, type BlockerReport } from './report.js'
import type { CostModel } from './calibration.js'

function answer (reads: number, bytes: number): string {
  return `${reads} reads, ${bytes} bytes`
}

/** Blocking: each read waits on the disk (or the page cache) with the loop held. */
export function readFilesBlocking (file: string, reads: number, model: CostModel): BlockerReport {
  // Named, so that a stall report names it wherever the sample lands: in readFileSync, or between
  // two reads (a Buffer's length getter), the loop is held by this loop either way.
  return reportBlocker({ work: 'fs', variant: 'readFileSync', mode: 'sync', size: reads, estimatedMs: model.estimateMs(reads) }, function readEachFileSync () {
    let bytes = 0
    for (let read = 0; read < reads; read++) bytes += readFileSync(file).length
    return answer(reads, bytes)
  })
}

/** Non-blocking: each read runs on the threadpool; the loop serves others between them. */
export async function readFilesNonBlocking (file: string, reads: number, model: CostModel, signal?: AbortSignal): Promise<BlockerReport> {
  return reportBlockerAsync({ work: 'fs', variant: 'fs.promises', mode: 'async', size: reads, estimatedMs: model.estimateMs(reads) }, async () => {
    let bytes = 0
    // One at a time: a thousand reads at once would hold a thousand buffers and the whole threadpool.
    for (let read = 0; read < reads; read++) {
      signal?.throwIfAborted()
      bytes += (await readFile(file, { signal })).length
    }
    return answer(reads, bytes)
  })
}
