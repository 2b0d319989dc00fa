// The piscina task behind /blockers/json/worker: the same parse and serialise, on a pool thread.
import { parseAndSerialise } from './json.js'

export default function parseOnWorker (text: string): string {
  return parseAndSerialise(text)
}
