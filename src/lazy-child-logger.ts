// Fastify gives every request a child logger that carries its id, and pino builds a child eagerly:
// a new object and the bindings serialised to JSON, on every request. With no line per request
// (src/plugins/request-logging.ts) nearly all of those children are never written to. This factory
// hands out a stand-in that builds the real child the first time the request logs something.
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify'

type LogMethod = (...args: unknown[]) => void
type ChildLoggerFactory = NonNullable<FastifyServerOptions['childLoggerFactory']>
type Bindings = Parameters<ChildLoggerFactory>[1]
type ChildOptions = Parameters<ChildLoggerFactory>[2]

class LazyChildLogger {
  #real: FastifyBaseLogger | undefined
  readonly #parent: FastifyBaseLogger
  readonly #bindings: Bindings
  readonly #options: ChildOptions

  constructor (parent: FastifyBaseLogger, bindings: Bindings, options: ChildOptions) {
    this.#parent = parent
    this.#bindings = bindings
    this.#options = options
  }

  get #logger (): FastifyBaseLogger {
    this.#real ??= this.#parent.child(this.#bindings, this.#options)
    return this.#real
  }

  get level (): string { return this.#real?.level ?? this.#options.level ?? this.#parent.level }
  set level (level: string) { this.#logger.level = level }

  fatal (...args: unknown[]): void { (this.#logger.fatal as LogMethod)(...args) }
  error (...args: unknown[]): void { (this.#logger.error as LogMethod)(...args) }
  warn (...args: unknown[]): void { (this.#logger.warn as LogMethod)(...args) }
  info (...args: unknown[]): void { (this.#logger.info as LogMethod)(...args) }
  debug (...args: unknown[]): void { (this.#logger.debug as LogMethod)(...args) }
  trace (...args: unknown[]): void { (this.#logger.trace as LogMethod)(...args) }
  silent (...args: unknown[]): void { (this.#logger.silent as LogMethod)(...args) }
  child (bindings: Bindings, options?: ChildOptions): FastifyBaseLogger { return this.#logger.child(bindings, options) }
}

/** Fastify's `childLoggerFactory`: each request's logger, built only if the request logs. */
export const lazyChildLogger: ChildLoggerFactory = (logger, bindings, options) =>
  new LazyChildLogger(logger, bindings, options) as unknown as FastifyBaseLogger
