import { afterEach, expect, it, vi } from 'vitest'
import { JobTable, type JobSubscriber } from '../../src/work/jobs.js'
import { pause } from '../helpers/timing.js'

let table: JobTable
afterEach(() => { table.close() })

function subscriber () {
  return { done: vi.fn<JobSubscriber['done']>(), closing: vi.fn<JobSubscriber['closing']>() }
}

it('a subscriber is told once, when the job is done', async () => {
  table = new JobTable(10, 1000)
  const { id } = table.create(20)
  const told = subscriber()
  table.subscribe(id, told)
  expect(told.done).not.toHaveBeenCalled()
  await pause(60)
  expect(told.done).toHaveBeenCalledTimes(1)
  expect(told.done.mock.calls[0]?.[0]).toMatchObject({ id, status: 'done' })
  expect(told.closing).not.toHaveBeenCalled()
})

it('an unsubscribed client (its connection closed) is not told', async () => {
  table = new JobTable(10, 1000)
  const { id } = table.create(20)
  const gone = subscriber()
  table.subscribe(id, gone)()
  await pause(60)
  expect(gone.done).not.toHaveBeenCalled()
})

it('close lets every subscriber go and stops the jobs', async () => {
  table = new JobTable(10, 1000)
  const { id } = table.create(20)
  const waiting = subscriber()
  table.subscribe(id, waiting)
  table.close()
  await pause(60)
  expect(waiting.closing).toHaveBeenCalledTimes(1)
  expect(waiting.done).not.toHaveBeenCalled()
  expect(() => table.poll(id)).toThrow(/no job/)
})

it('Retry-After counts to the moment the first slot frees: the soonest job end plus the time it is kept', () => {
  table = new JobTable(1, 5000)
  table.create(3000)
  expect(() => table.create(0)).toThrow(expect.objectContaining({ statusCode: 503, headers: { 'retry-after': '8' } }))
})
