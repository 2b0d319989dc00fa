// req/s over the last second from the feed's 200 ms windows: one window of a blocking route holds
// 0 to 5 answers, so per window the line would only jump.
export class RollingRate {
  readonly #spanMs: number
  #windows: Array<{ t: number, count: number, ms: number }> = []

  constructor (spanMs: number) { this.#spanMs = spanMs }

  add (t: number, count: number, ms: number): void {
    this.#windows.push({ t, count, ms })
    this.#windows = this.#windows.filter((window) => window.t > t - this.#spanMs)
  }

  perSecond (): number {
    const ms = this.#windows.reduce((sum, window) => sum + window.ms, 0)
    return ms === 0 ? 0 : this.#windows.reduce((sum, window) => sum + window.count, 0) * 1000 / ms
  }
}
