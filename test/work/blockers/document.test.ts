import { expect, it } from 'vitest'
import { GeneratedDocument } from '../../../src/work/blockers/document.js'

const document = new GeneratedDocument(64 * 1024)

it('cuts valid JSON of whole records, never longer than asked (but at least one record)', () => {
  let previous = 0
  for (const bytes of [1, 100, 1000, 10_000, 64 * 1024]) {
    const text = document.json(bytes)
    const records = JSON.parse(text) as Array<{ id: number }>
    expect(records.length).toBeGreaterThanOrEqual(1)
    expect(records.map((record) => record.id)).toEqual(records.map((_, index) => index))
    if (records.length > 1) expect(text.length).toBeLessThanOrEqual(bytes + 1)
    expect(records.length).toBeGreaterThanOrEqual(previous)
    previous = records.length
  }
})

it('gives its first bytes without copying them', () => {
  const bytes = document.bytes(1000)
  expect(bytes.length).toBe(1000)
  expect(bytes.toString('latin1')).toBe(document.json(64 * 1024).slice(0, 1000))
})
