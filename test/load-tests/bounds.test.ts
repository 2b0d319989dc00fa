import { expect, it } from 'vitest'
import { parallelBound } from '../../load-tests/bounds.js'

it('parallelBound: as many requests at once as the pool allows, never more than the connections', () => {
  const bound = parallelBound(2, 'min(UV_THREADPOOL_SIZE 4, 2 cores)', 50)
  expect(bound(100)).toEqual({ reqPerSec: 40, formula: 'min(100 connections, min(UV_THREADPOOL_SIZE 4, 2 cores) = 2) × 1000 / 50 ms' })
  expect(bound(1).reqPerSec).toBe(20)
})
