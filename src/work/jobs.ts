// The polling parent's jobs: work that finishes later, which a client can either ask about again
// and again (GET /jobs/:id) or be told about once (GET /jobs/:id/events). The table is bounded and
// forgets finished jobs after a while, so no client can grow the server's memory without limit.
import { Type, type Static } from '@sinclair/typebox'
import { StringEnum } from '../schemas/answer-types.js'
import { JobNotFoundError, JobTableFullError, withRetryAfter } from '../errors.js'
import { roundMs } from './report.js'

export const JobViewSchema = Type.Object({
  id: Type.Integer(),
  status: StringEnum(['running', 'done']),
  ms: Type.Integer({ description: 'How long the job runs.' }),
  ageMs: Type.Number({ description: 'Time since the job was created.' }),
  finishedAgoMs: Type.Optional(Type.Number({ description: 'Time since it finished: how late this answer tells you.' })),
  polls: Type.Integer({ description: 'GET /jobs/:id answers for this job so far, this one included.' })
})
export type JobView = Static<typeof JobViewSchema>

/** Told once: when the job is done, or when the server closes first. */
export interface JobSubscriber {
  done: (job: JobView) => void
  closing: () => void
}

interface Job {
  id: number
  ms: number
  createdAt: number
  finishedAt?: number
  polls: number
  timer: NodeJS.Timeout
  subscribers: Set<JobSubscriber>
}

export class JobTable {
  readonly #jobs = new Map<number, Job>()
  /** Id → finish time of each finished job, in the order they finished: the order they expire in. */
  readonly #finishOrder = new Map<number, number>()
  #nextId = 1

  constructor (readonly capacity: number, readonly ttlMs: number) {}

  /** Starts a job of `ms`; throws a 503 error with Retry-After when the table is full. */
  create (ms: number): JobView {
    this.#forgetExpired()
    if (this.#jobs.size >= this.capacity) {
      throw withRetryAfter(new JobTableFullError(this.capacity), this.#secondsUntilASlotFrees())
    }
    const job: Job = { id: this.#nextId++, ms, createdAt: performance.now(), polls: 0, timer: setTimeout(() => { this.#finish(job) }, ms), subscribers: new Set() }
    this.#jobs.set(job.id, job)
    return view(job)
  }

  /** One poll: the job as it is now, counting the poll. */
  poll (id: number): JobView {
    const job = this.#find(id)
    job.polls++
    return view(job)
  }

  /** Tells `subscriber` when job `id` is done (at once if it already is); returns how to unsubscribe. */
  subscribe (id: number, subscriber: JobSubscriber): () => void {
    const job = this.#find(id)
    if (job.finishedAt !== undefined) {
      subscriber.done(view(job))
      return () => {}
    }
    job.subscribers.add(subscriber)
    return () => { job.subscribers.delete(subscriber) }
  }

  /** On server close: stops the timers and lets every subscriber go, so no stream holds the close. */
  close (): void {
    for (const job of this.#jobs.values()) {
      clearTimeout(job.timer)
      for (const subscriber of job.subscribers) subscriber.closing()
    }
    this.#jobs.clear()
    this.#finishOrder.clear()
  }

  #finish (job: Job): void {
    job.finishedAt = performance.now()
    this.#finishOrder.set(job.id, job.finishedAt)
    for (const subscriber of job.subscribers) subscriber.done(view(job))
    job.subscribers.clear()
  }

  #find (id: number): Job {
    this.#forgetExpired()
    const job = this.#jobs.get(id)
    if (job === undefined) throw new JobNotFoundError(id)
    return job
  }

  // Expiry is checked when the table is used rather than on a timer per job: the table is bounded,
  // so an idle server holds at most `capacity` finished jobs, and no timer outlives the server.
  // Jobs expire in the order they finished, so this visits the expired ones and stops at the first
  // that is not: every create and poll calls it, and it must not walk the whole table each time.
  #forgetExpired (): void {
    const now = performance.now()
    for (const [id, finishedAt] of this.#finishOrder) {
      if (now - finishedAt < this.ttlMs) return
      this.#finishOrder.delete(id)
      this.#jobs.delete(id)
    }
  }

  #secondsUntilASlotFrees (): number {
    const now = performance.now()
    let soonest = Infinity
    for (const job of this.#jobs.values()) soonest = Math.min(soonest, (job.finishedAt ?? job.createdAt + job.ms) + this.ttlMs)
    return Math.max(1, Math.ceil((soonest - now) / 1000))
  }
}

function view (job: Job): JobView {
  const now = performance.now()
  const ageMs = roundMs(now - job.createdAt)
  return job.finishedAt === undefined
    ? { id: job.id, status: 'running', ms: job.ms, ageMs, polls: job.polls }
    : { id: job.id, status: 'done', ms: job.ms, ageMs, finishedAgoMs: roundMs(now - job.finishedAt), polls: job.polls }
}
