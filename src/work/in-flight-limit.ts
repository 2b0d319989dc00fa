// A cap on work handed to a queue this process cannot shorten or cancel (libuv's threadpool): past
// the cap, a request is refused at once (503 + Retry-After) instead of lengthening the queue.
import { InFlightFullError, withRetryAfter } from '../errors.js'

export class InFlightLimit {
  #inFlight = 0

  constructor (readonly name: string, readonly max: number) {}

  async run<T> (task: () => Promise<T>): Promise<T> {
    if (this.#inFlight >= this.max) throw withRetryAfter(new InFlightFullError(this.name, this.#inFlight), 1)
    this.#inFlight++
    try {
      return await task()
    } finally {
      this.#inFlight--
    }
  }
}
