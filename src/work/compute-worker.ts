// The piscina task behind /worker/compute: the same hash chain, on a pool thread.
import { threadId } from 'node:worker_threads'
import { hashChain, hexDigest } from './cpu-hash.js'

export interface PoolAnswer {
  digest: string
  threadId: number
}

export default function hashOnWorker (rounds: number): PoolAnswer {
  return { digest: hexDigest(hashChain(rounds)), threadId }
}
