// The terminal rendering: what a person reads, cell by cell.
import { expect, it } from 'vitest'
import { renderTextTable, verdictLine } from '../../../load-tests/report/terminal.js'
import { twoRouteTable as table } from '../../fixtures/table.js'

it('terminal: a header, a rule, text columns padded right and numbers aligned right, then the notes', () => {
  expect(renderTextTable(table)).toBe([
    'route               req/s',
    '------------------  -----',
    '/async/delay?ms=50   1921',
    '/sync/a|b            19.5',
    '  bound: 1000 / ms'
  ].join('\n'))
})

it('a verdict line starts with ✓ or ✗', () => {
  expect(verdictLine({ text: 'fine', passed: true })).toBe('✓ fine')
  expect(verdictLine({ text: 'not fine', passed: false })).toBe('✗ not fine')
})
