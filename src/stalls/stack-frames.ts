// Turns a V8 stack string into frames with TypeScript source positions. Runs in the watchdog thread,
// so reading and parsing source maps never costs the event loop anything: compiled files (dist/…js)
// name their map in a `sourceMappingURL` comment (tsconfig `sourceMap: true`), and node:module's
// SourceMap looks a position up in it. A stack that is already in source positions (tsx, vitest, or
// node --enable-source-maps) passes through unchanged.
import { readFileSync } from 'node:fs'
import { SourceMap, type SourceMapPayload } from 'node:module'
import { isAbsolute, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { StackFrame } from './stall-report.js'

// `    at name (location)` or `    at location`; location is `url:line:column`, `<anonymous>` or `native`.
const FRAME_LINE = /^\s*at (?:(.*?) \((.*)\)|(.*))$/
const POSITION = /^(.*):(\d+):(\d+)$/
const SOURCE_MAPPING_URL = /\/\/# sourceMappingURL=(\S+)\s*$/

export class StackMapper {
  readonly #root: string
  readonly #maps = new Map<string, { map: SourceMap, url: string } | null>()

  /** `root`: the directory file paths are shown relative to (the server's working directory). */
  constructor (root: string) {
    this.#root = root
  }

  /** The frames of `stack` (an Error's `.stack`, its first line the message), innermost first. */
  frames (stack: string, limit: number): StackFrame[] {
    return stack.split('\n').slice(1)
      .map((line) => FRAME_LINE.exec(line))
      .filter((match) => match !== null)
      .slice(0, limit)
      .map((match) => this.#frame(match[1] ?? '<anonymous>', match[2] ?? match[3] ?? ''))
  }

  #frame (name: string, location: string): StackFrame {
    const position = POSITION.exec(location)
    if (position === null) return { function: name, location }
    const [, url = '', line, column] = position
    const original = this.#original(url, Number(line), Number(column))
    return { function: name, location: original ?? `${this.#show(url)}:${line}` }
  }

  #original (url: string, line: number, column: number): string | undefined {
    const found = this.#mapOf(url)
    if (found == null) return undefined
    const entry = found.map.findEntry(line - 1, column - 1) as { originalSource?: string, originalLine?: number }
    if (entry.originalSource === undefined || entry.originalLine === undefined) return undefined
    return `${this.#show(new URL(entry.originalSource, found.url).href)}:${entry.originalLine + 1}`
  }

  #mapOf (url: string): { map: SourceMap, url: string } | null {
    if (!this.#maps.has(url)) this.#maps.set(url, loadSourceMap(url))
    return this.#maps.get(url) ?? null
  }

  /** A file URL or absolute path (CommonJS frames have paths) relative to the root; anything else as it is. */
  #show (url: string): string {
    const path = url.startsWith('file:') ? fileURLToPath(url) : url
    if (!isAbsolute(path)) return url
    const shown = relative(this.#root, path)
    return shown.startsWith('..') ? path : shown
  }
}

/** The source map a compiled file points to, or null (no map, not a file, unreadable). */
function loadSourceMap (url: string): { map: SourceMap, url: string } | null {
  if (!url.startsWith('file:') || !/\.[cm]?js$/.test(url)) return null
  try {
    const reference = SOURCE_MAPPING_URL.exec(readFileSync(fileURLToPath(url), 'utf8'))?.[1]
    if (reference === undefined) return null
    const mapUrl = new URL(reference, url)
    const text = mapUrl.protocol === 'data:'
      ? Buffer.from(mapUrl.pathname.slice(mapUrl.pathname.indexOf(',') + 1), 'base64').toString('utf8')
      : readFileSync(fileURLToPath(mapUrl), 'utf8')
    return { map: new SourceMap(JSON.parse(text) as SourceMapPayload), url: mapUrl.protocol === 'data:' ? url : mapUrl.href }
  } catch {
    return null
  }
}
