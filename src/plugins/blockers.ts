// What the blocker routes share, made once at start-up: the generated document (the json, zlib and fs
// blockers' input), the 1 MiB file the fs blocker reads, and each blocker's cost model, measured on
// this machine, with the largest size that keeps its blocking variant within MAX_DELAY_MS. The
// calibration runs before the server is ready, so the stall detector does not report it.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { costModel, exponentialModel, fastestMs, maximumSize, type CostModel } from '../work/blockers/calibration.js'
import { GeneratedDocument, KIB } from '../work/blockers/document.js'
import { craftedInput, matchBacktracking } from '../work/blockers/regex.js'
import { parseAndSerialise } from '../work/blockers/json.js'
import { dedupeWithIncludes, generateItems } from '../work/blockers/dedupe.js'
import { gzipOnLoop } from '../work/blockers/gzip.js'
import { workerFile } from '../worker-script.js'

export interface Blocker {
  model: CostModel
  /** The largest size a request may ask for. */
  maximum: number
  /** The size used when a request names none: about DEFAULT_BLOCK_MS of blocking, within the maximum. */
  byDefault: number
}

export interface Blockers {
  regex: Blocker
  json: Blocker & { document: GeneratedDocument, workerFilename: string }
  fs: Blocker & { file: string }
  zlib: Blocker & { document: GeneratedDocument }
  dedupe: Blocker
}

declare module 'fastify' {
  interface FastifyInstance {
    blockers: Blockers
  }
}

const MIB = 1024 * KIB
// The document's size, and so the json and zlib blockers' hard cap whatever MAX_DELAY_MS allows:
// memory held for the life of the server.
const DOCUMENT_KIB = 8 * KIB
const DEFAULT_BLOCK_MS = 200
// Hard caps that no calibration can raise (memory, or a sane request).
const CAPS = { regex: 64, fs: 10_000, dedupe: 1_000_000 }

interface Models { regex: CostModel, json: CostModel, fs: CostModel, zlib: CostModel, dedupe: CostModel }

// Machine speed does not change between the apps a process builds (tests build many): measured,
// and the document generated, once per process.
let document: GeneratedDocument | undefined
let models: Models | undefined

function calibrate (generated: GeneratedDocument, file: string): Models {
  return {
    regex: exponentialModel(16, fastestMs(() => matchBacktracking(craftedInput(16))), 20, fastestMs(() => matchBacktracking(craftedInput(20)))),
    json: costModel('linear', 256, fastestMs(() => parseAndSerialise(generated.json(256 * KIB)))),
    fs: costModel('linear', 8, fastestMs(() => { for (let read = 0; read < 8; read++) readFileSync(file) })),
    zlib: costModel('linear', 256, fastestMs(() => gzipOnLoop(generated.bytes(256 * KIB)))),
    dedupe: costModel('quadratic', 2000, fastestMs(() => dedupeWithIncludes(generateItems(2000))))
  }
}

function blocker (model: CostModel, maxDelayMs: number, cap: number): Blocker {
  const maximum = maximumSize(model, maxDelayMs, cap)
  return { model, maximum, byDefault: Math.min(maximum, model.sizeForMs(DEFAULT_BLOCK_MS)) }
}

async function blockers (app: FastifyInstance): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'event-loop-lab-blockers-'))
  app.addHook('onClose', async () => { await rm(directory, { recursive: true, force: true }) })
  const file = join(directory, 'one-mib.json')
  document ??= new GeneratedDocument(DOCUMENT_KIB * KIB)
  await writeFile(file, document.bytes(MIB))
  models ??= calibrate(document, file)
  const maxDelayMs = app.config.MAX_DELAY_MS
  app.decorate('blockers', {
    regex: blocker(models.regex, maxDelayMs, CAPS.regex),
    json: { ...blocker(models.json, maxDelayMs, DOCUMENT_KIB), document, workerFilename: workerFile(import.meta.url, '../work/blockers/json-worker.js') },
    fs: { ...blocker(models.fs, maxDelayMs, CAPS.fs), file },
    zlib: { ...blocker(models.zlib, maxDelayMs, DOCUMENT_KIB), document },
    dedupe: blocker(models.dedupe, maxDelayMs, CAPS.dedupe)
  })
}

export default fp(blockers, { name: 'blockers', fastify: '5.x', dependencies: ['compute'] })
