import { expect, it } from 'vitest'
import { annotatedBound, parallelBound, serialBound } from '../../../load-tests/core/bounds.js'

it('parallelBound: as many requests at once as the pool allows, never more than the connections', () => {
  const bound = parallelBound(2, 'min(UV_THREADPOOL_SIZE 4, 2 cores)', 50)
  expect(bound(100)).toEqual({ reqPerSec: 40, formula: 'min(100 connections, min(UV_THREADPOOL_SIZE 4, 2 cores) = 2) × 1000 / 50 ms' })
  expect(bound(1).reqPerSec).toBe(20)
})

it('annotatedBound keeps the number and adds the note to the formula', () => {
  const bound = annotatedBound(serialBound(52.5), 't measured: median of 5 calls')(100)
  expect(bound.reqPerSec).toBeCloseTo(1000 / 52.5)
  expect(bound.formula).toBe('1000 / 52.5 ms, one request at a time; t measured: median of 5 calls')
})
