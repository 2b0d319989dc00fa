// The request-duration histogram, kept so that recording a request allocates nothing: one series
// per route, method and status code, created the first time that combination is answered, each a
// fixed array of bucket counts. prom-client's own Histogram builds a label object, validates it and
// hashes it into a string on every observation, even through a cached `labels()` child; here the
// labels are text only once, when /metrics is scraped.

interface Series {
  labels: { method: string, route: string, status_code: string }
  /** Count of observations at or below each bound (not cumulative; the scrape adds them up). */
  buckets: Float64Array
  sum: number
  count: number
}

interface SampleValue {
  metricName: string
  labels: Record<string, string | number>
  value: number
}

/** The series of one route pattern, by method, then status code. */
export class RouteDurations {
  readonly #bySeries = new Map<string, Map<number, Series>>()

  constructor (readonly route: string, private readonly histogram: DurationHistogram) {}

  record (method: string, statusCode: number, seconds: number): void {
    let byStatus = this.#bySeries.get(method)
    if (byStatus === undefined) {
      byStatus = new Map()
      this.#bySeries.set(method, byStatus)
    }
    let series = byStatus.get(statusCode)
    if (series === undefined) {
      series = this.histogram.newSeries(method, this.route, statusCode)
      byStatus.set(statusCode, series)
    }
    const bounds = this.histogram.bounds
    let bucket = 0
    while (bucket < bounds.length && seconds > (bounds[bucket] ?? Infinity)) bucket++
    if (bucket < bounds.length) series.buckets[bucket] = (series.buckets[bucket] ?? 0) + 1
    series.sum += seconds
    series.count++
  }
}

/** A Prometheus histogram in prom-client's metric shape, so a Registry can expose it. */
export class DurationHistogram {
  readonly type = 'histogram'
  readonly aggregator = 'sum'
  readonly #series: Series[] = []
  readonly #routes = new Map<string, RouteDurations>()

  constructor (readonly name: string, readonly help: string, readonly bounds: number[]) {}

  /** The recorder of one route pattern (the same object for the same pattern). */
  route (route: string): RouteDurations {
    let durations = this.#routes.get(route)
    if (durations === undefined) {
      durations = new RouteDurations(route, this)
      this.#routes.set(route, durations)
    }
    return durations
  }

  newSeries (method: string, route: string, statusCode: number): Series {
    const series = { labels: { method, route, status_code: String(statusCode) }, buckets: new Float64Array(this.bounds.length), sum: 0, count: 0 }
    this.#series.push(series)
    return series
  }

  /** What prom-client's Registry reads at each scrape. */
  async get (): Promise<{ name: string, help: string, type: string, aggregator: string, values: SampleValue[] }> {
    const values: SampleValue[] = []
    for (const { labels, buckets, sum, count } of this.#series) {
      let cumulative = 0
      this.bounds.forEach((bound, i) => {
        cumulative += buckets[i] ?? 0
        values.push({ metricName: `${this.name}_bucket`, labels: { ...labels, le: bound }, value: cumulative })
      })
      values.push({ metricName: `${this.name}_bucket`, labels: { ...labels, le: '+Inf' }, value: count })
      values.push({ metricName: `${this.name}_sum`, labels, value: sum })
      values.push({ metricName: `${this.name}_count`, labels, value: count })
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values }
  }
}
