// What the tables print of waiting and unanswered requests, and of the open loop beside the closed one.
import { expect, it } from 'vitest'
import { summarizeOpenLoop, type OpenLoopRun } from '../../../load-tests/core/open-loop.js'
import { comparisonTables } from '../../../load-tests/report/comparison-tables.js'
import { comparisonCharts } from '../../../load-tests/report/comparison-charts.js'
import { routeRunFixture } from '../../fixtures/route-run.js'

const openLoopRun = (role: OpenLoopRun['role'], latency: (i: number) => number | null): OpenLoopRun => ({
  label: role === 'blocking' ? 'sync' : 'async',
  path: role === 'blocking' ? '/sync/delay?ms=50' : '/async/delay?ms=50',
  role,
  rate: 40,
  durationS: 2,
  timeoutS: 30,
  maxSockets: 80,
  bound: role === 'blocking' ? { reqPerSec: 20, formula: '1000 / 50 ms' } : { reqPerSec: 1600, formula: '80 connections × 1000 / 50 ms' },
  ...summarizeOpenLoop(Array.from({ length: 80 }, (_, i) => ({ atMs: i * 25, latencyMs: latency(i), status: 200 })), 30_000)
})

it('a run with a request never answered prints its latencies as lower bounds, and counts what was waiting at the close', () => {
  const slow = routeRunFixture({ role: 'blocking', latencyIsLowerBound: true })
  const [table] = comparisonTables({ runs: [routeRunFixture({ role: 'non-blocking' }), slow], sweep: [], openLoop: [] })
  const columns = table?.columns.map((column) => column.title) ?? []
  const row = table?.rows[1] ?? []
  expect(row[columns.indexOf('waiting at close')]).toBe('100')
  expect(row[columns.indexOf('p99')]).toBe('≥ 5 s')
  expect(table?.rows[0]?.[columns.indexOf('p99')]).toBe('60 ms')
  expect(table?.title).toBe('100 connections, 5 s per route')
})

it('says who had the CPU in each window: the load generator, the server\'s loop, and the cores they shared', () => {
  const fast = routeRunFixture({ role: 'non-blocking', loadGenerator: { cpuCores: 0.71, machineCores: 2 } })
  const slow = routeRunFixture({ role: 'blocking', loadGenerator: { cpuCores: 0.04, machineCores: 2 }, server: null })
  const [table] = comparisonTables({ runs: [fast, slow], sweep: [], openLoop: [] })
  const note = table?.notes.find((line) => line.startsWith('CPU in each window'))
  expect(note).toMatch(/the load generator \(this process: autocannon, the \/health probe\) 0\.71 \/ 0\.04 of a core; the server's event loop busy 35\.0 % \/ – of the run/)
  expect(note).toMatch(/; 2 cores on the load generator's machine/)
})

it('with --rate: the closed-loop table says so, the open-loop table follows with the models note, and its chart is drawn', () => {
  // Sync: the queue grows by 25 ms per request (40 req/s against 20); the very last never answered.
  const openLoop = [openLoopRun('non-blocking', () => 51), openLoopRun('blocking', (i) => i === 79 ? null : 50 + i * 25)]
  const raw = { runs: [routeRunFixture({ role: 'non-blocking' }), routeRunFixture({ role: 'blocking' })], sweep: [], openLoop }
  const [closed, open] = comparisonTables(raw)
  expect(closed?.title).toBe('closed loop: 100 connections, 5 s per route')
  expect(open?.title).toBe('open loop: 40 requests per second whatever the answers, 2 s per route')
  expect(open?.rows.map((row) => row.slice(0, 7))).toEqual([
    ['/async/delay?ms=50', '40', '1600', '2.5 %', '80', '80', '0'],
    ['/sync/delay?ms=50', '40', '20', '200.0 %', '80', '79', '1']
  ])
  // First second's median 50 + 19 × 25 = 525 ms; the last second's, 50 + 59 × 25 = 1525 ms, is a lower bound: it counts the unanswered one at the timeout.
  expect(open?.rows[1]?.slice(7, 9)).toEqual(['525 ms', '≥ 1.52 s'])
  expect(open?.notes[0]).toMatch(/^Closed loop \(the table above\): .* Open loop \(this table\): .* public service/)
  expect(comparisonCharts(raw).map((chart) => chart.title)).toContain('Open loop: latency over time at 40 req/s')
})
