// report.md's tables: GitHub-flavoured markdown that survives any cell text.
import { expect, it } from 'vitest'
import { renderMarkdownTable } from '../../../load-tests/report/markdown.js'
import { twoRouteTable as table } from '../../fixtures/table.js'

it('markdown: alignment row from the columns, pipes in cells escaped', () => {
  expect(renderMarkdownTable(table)).toBe([
    '| route | req/s |',
    '| :-- | --: |',
    '| /async/delay?ms=50 | 1921 |',
    '| /sync/a\\|b | 19.5 |'
  ].join('\n'))
})
