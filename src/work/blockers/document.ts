// The input of the json, zlib and fs blockers, generated once at start-up: a JSON array of records,
// like a large API payload. Requests never send it (the body limit is 1 KiB, and a client-supplied
// size is the bound that keeps the blocking variants within MAX_DELAY_MS); they ask for a size, and
// get a prefix of this document cut at a record boundary, which costs nothing to make.
const RECORD_TAGS = ['red', 'green', 'blue', 'amber']

/** The unit of the json and zlib blockers' size parameter, `kib`. */
export const KIB = 1024

export class GeneratedDocument {
  readonly #text: string
  readonly #bytes: Buffer
  /** Where each record ends in #text, for cutting a valid prefix. */
  readonly #recordEnds: number[] = []

  constructor (maxBytes: number) {
    const parts: string[] = []
    let length = 1
    for (let id = 0; length < maxBytes; id++) {
      const record = JSON.stringify({ id, name: `item-${id}`, price: (id % 1000) / 4, tags: [RECORD_TAGS[id % 4], RECORD_TAGS[(id + 1) % 4]], inStock: id % 3 !== 0 })
      length += record.length + 1
      parts.push(record)
      this.#recordEnds.push(length - 1)
    }
    this.#text = `[${parts.join(',')}]`
    this.#bytes = Buffer.from(this.#text, 'latin1')
  }

  /** A valid JSON array of whole records, about `bytes` long (at least one record). */
  json (bytes: number): string {
    // Binary search for the last record that ends within `bytes`.
    const ends = this.#recordEnds
    let low = 0
    let high = ends.length - 1
    while (low < high) {
      const middle = Math.ceil((low + high) / 2)
      if ((ends[middle] ?? Infinity) <= bytes) low = middle
      else high = middle - 1
    }
    return `${this.#text.slice(0, ends[low])}]`
  }

  /** The first `bytes` bytes of the document (ASCII), without copying them. */
  bytes (bytes: number): Buffer {
    return this.#bytes.subarray(0, bytes)
  }
}
