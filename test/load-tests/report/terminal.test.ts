// The terminal rendering: what a person reads, cell by cell.
import { describe, expect, it } from 'vitest'
import { renderTerminalReport, renderTextTable, verdictLine } from '../../../load-tests/report/terminal.js'
import type { Environment } from '../../../load-tests/core/results-schema.js'
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

describe('a failed check on a machine busy before the run: said beside the verdict', () => {
  const scenario = (passed: boolean) => ({ name: 'delay', title: 'delay', summary: '', tables: [], charts: [], raw: null, verdicts: [{ text: 'delay: collapsed', passed }] })
  const machine = (load: number): Environment => ({
    node: 'v20', platform: 'linux x64', osRelease: '6', cpuCount: 2, cpuModel: 'cpu', totalMemoryMiB: 1024, loadAverage: [load, load, load], gitCommit: null, gitDirty: null
  })

  it('a ✗ and a load average above the cores: the line names the load and the cores', () => {
    const text = renderTerminalReport({ scenarios: [scenario(false)], environment: machine(7.5) })
    expect(text).toMatch(/✗ delay: collapsed\n! The machine was busy before this run started \(load average 7\.5 on 2 cores\)/)
  })

  it('no line when every check passed, or when the machine was quiet, or when the machine is unknown', () => {
    for (const text of [
      renderTerminalReport({ scenarios: [scenario(true)], environment: machine(7.5) }),
      renderTerminalReport({ scenarios: [scenario(false)], environment: machine(1.5) }),
      renderTerminalReport({ scenarios: [scenario(false)] })
    ]) expect(text).not.toContain('busy')
  })
})
