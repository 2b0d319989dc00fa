// The CPU work every compute route does: a hash chain, each round feeding the previous 32-bit hash
// through murmur3's finaliser. Deterministic (the same rounds give the same digest on any thread),
// impossible to skip, and it never waits on anything, so awaiting cannot help: only where it runs
// matters. Plain integer arithmetic rather than node:crypto, because a chain of SHA-256 calls
// allocates an object per round and the garbage collector then makes long runs slower per round
// than the short calibration (measured here: 500 ms of rounds took 900 ms), so `ms` would lie.

const SEED = 0x2545f491

function round (hash: number): number {
  let h = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  // The golden-ratio step keeps 0 from being a fixed point of the chain.
  return ((h ^ (h >>> 16)) + 0x9e3779b9) | 0
}

/** Hashes `rounds` times starting from `from`; returns the last hash. */
export function hashChain (rounds: number, from: number = SEED): number {
  let hash = from
  for (let done = 0; done < rounds; done++) hash = round(hash)
  return hash
}

/** A hash as the answers show it: 8 hex digits. */
export function hexDigest (hash: number): string {
  return (hash >>> 0).toString(16).padStart(8, '0')
}

/**
 * The same chain cut into slices of `sliceRounds`, yielding between slices: the article's generator
 * (`yield` hands control back) applied to CPU work. The result is the one `hashChain` computes.
 */
export function * hashChainInSlices (rounds: number, sliceRounds: number): Generator<void, number> {
  let hash = SEED
  for (let done = 0; done < rounds; done += sliceRounds) {
    hash = hashChain(Math.min(sliceRounds, rounds - done), hash)
    if (done + sliceRounds < rounds) yield
  }
  return hash
}

const WARM_UP_MS = 10
const SAMPLE_MS = 4
const SAMPLES = 3

/**
 * How many rounds this machine hashes per millisecond on one thread, measured in about 30 ms. The
 * first 10 ms only warm up the JIT; then the fastest of a few samples is kept, because a sample can
 * only be slowed down by something else running, never sped up.
 */
export function measureRoundsPerMs (): number {
  let rounds = 1024
  const warmUpEnd = performance.now() + WARM_UP_MS
  while (performance.now() < warmUpEnd) hashChain(rounds)
  while (timeRounds(rounds) < SAMPLE_MS) rounds *= 2
  let best = 0
  for (let sample = 0; sample < SAMPLES; sample++) {
    best = Math.max(best, rounds / timeRounds(rounds))
  }
  return best
}

function timeRounds (rounds: number): number {
  const start = performance.now()
  hashChain(rounds)
  return performance.now() - start
}
