// The stall detector, seen as a user sees it: the built server in its own process, one curl-like
// request, and its log. A blocking request gives exactly one warning that names the function, its
// TypeScript file and the request id the client got back; a non-blocking one of the same length none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../../load-tests/engine/server-process.js'
import { pause } from '../helpers/timing.js'

const HELD_MS = 500
// The watchdog reports a stall once the loop beats again, within milliseconds on a quiet machine; on
// this shared one its thread may wait for a core too. So: wait for the line up to REPORTED_WITHIN_MS,
// then SETTLE_MS more for a second line that must not come (and as long for none at all).
const REPORTED_WITHIN_MS = 3000
const SETTLE_MS = 500

// Below the default (100 ms): the json blocker is capped by its document's size (8 MiB), which Node 24
// parses and serialises in 80 to 120 ms here, not the 500 ms asked for; at the default threshold
// its stall was sometimes not a stall at all.
const STALL_WARN_MS = 50

let server: ServerProcess
let sizes: Record<string, number>
let estimatedMs: Record<string, number>
beforeAll(async () => {
  server = await startServerProcess({ env: { LOG_LEVEL: 'warn', STALL_WARN_MS: String(STALL_WARN_MS) } })
  const catalog = await (await fetch(`${server.url}/blockers?ms=${HELD_MS}`)).json() as Array<{ name: string, sizeForMs: number, estimatedMs: number }>
  sizes = Object.fromEntries(catalog.map((entry) => [entry.name, entry.sizeForMs]))
  estimatedMs = Object.fromEntries(catalog.map((entry) => [entry.name, entry.estimatedMs]))
})
afterAll(async () => { await server.stop() })

interface StallLine { msg: string, reqId?: string, stall: { heldMs: number, request: { id: string, url: string } | null, frames: Array<{ function: string, location: string }> } }

/** Sends one GET and returns its request id and the stall warnings logged because of it. */
async function stallsOf (path: string): Promise<{ requestId: string, stalls: StallLine[] }> {
  const before = server.logs.length
  const response = await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(15_000) })
  expect(response.status).toBe(200)
  await response.arrayBuffer()
  const requestId = response.headers.get('x-request-id') ?? ''
  const stallLines = (): StallLine[] => server.logs.slice(before).filter((line) => line.level === 40 && 'stall' in line) as unknown as StallLine[]
  const deadline = performance.now() + REPORTED_WITHIN_MS
  while (performance.now() < deadline && !stallLines().some((line) => line.reqId === requestId)) await pause(50)
  await pause(SETTLE_MS)
  return { requestId, stalls: stallLines() }
}

describe('one warning per stall, naming the code and the request', () => {
  it(`/sync/delay?ms=${HELD_MS}: one warning, busyWait in src/work/busy-wait.ts, the client's x-request-id`, async () => {
    const { requestId, stalls } = await stallsOf(`/sync/delay?ms=${HELD_MS}`)
    const its = stalls.filter((line) => line.msg.includes('/sync/delay'))
    expect(its.map((line) => line.msg)).toHaveLength(1)
    const [line] = its
    expect(requestId).not.toBe('')
    expect(line?.msg).toMatch(/^event loop blocked \d+ ms by GET \/sync\/delay\?ms=500 /)
    expect(line?.msg).toContain(`(req ${requestId})`)
    expect(line?.msg).toMatch(/at busyWait \(src\/work\/busy-wait\.ts:\d+\) ← delayBlocking \(src\/work\/delay\.ts:\d+\)/)
    expect(line?.reqId).toBe(requestId)
    expect(line?.stall.heldMs).toBeGreaterThanOrEqual(HELD_MS - 20)
  })

  // On this shared machine a process can be held up by others; such a stall names no request.
  it(`/async/delay?ms=${HELD_MS}: none that names it`, async () => {
    const { requestId, stalls } = await stallsOf(`/async/delay?ms=${HELD_MS}`)
    expect(stalls.filter((line) => line.reqId === requestId || line.msg.includes('/async/delay')).map((line) => line.msg)).toEqual([])
  })

  it.each([
    ['regex', '/blockers/regex/backtracking?n=', /at RegExp\.test .* ← matchBacktracking \(src\/work\/blockers\/regex\.ts:\d+\)/],
    ['json', '/blockers/json/sync?kib=', /parseAndSerialise \(src\/work\/blockers\/json\.ts:\d+\)/],
    // Mostly inside readFileSync; sometimes the sample lands between two reads: the named loop either way.
    ['fs', '/blockers/fs/sync?reads=', /readEachFileSync \(src\/work\/blockers\/file-read\.ts:\d+\)/],
    ['zlib', '/blockers/zlib/sync?kib=', /(gzipSync|zlibBufferSync) .*gzipOnLoop \(src\/work\/blockers\/gzip\.ts:\d+\)/],
    ['dedupe', '/blockers/dedupe/quadratic?n=', /at dedupeWithIncludes \(src\/work\/blockers\/dedupe\.ts:\d+\)/]
  ])('%s, blocking variant: one warning naming the code that held the loop', async (name, path, names) => {
    // The blocker holds the loop well past the threshold, or there is nothing to report.
    expect(estimatedMs[name]).toBeGreaterThanOrEqual(1.5 * STALL_WARN_MS)
    const { requestId, stalls } = await stallsOf(`${path}${sizes[name]}`)
    // Other stalls (a collection, the machine) name no request; this request's stall is one line.
    const its = stalls.filter((line) => line.stall.request?.id === requestId)
    expect(its.map((line) => line.msg)).toHaveLength(1)
    expect(its[0]?.msg).toMatch(names)
    expect(its[0]?.reqId).toBe(requestId)
  })

  it.each([
    ['regex', '/blockers/regex/linear?n='],
    ['json', '/blockers/json/worker?kib='],
    ['fs', '/blockers/fs/async?reads='],
    ['zlib', '/blockers/zlib/async?kib='],
    ['dedupe', '/blockers/dedupe/set?n=']
  ])('%s, remedy: no warning that names it', async (name, path) => {
    const { requestId, stalls } = await stallsOf(`${path}${sizes[name]}`)
    expect(stalls.filter((line) => line.reqId === requestId || line.msg.includes(path)).map((line) => line.msg)).toEqual([])
  })
})

describe('the last stalls in /stats and /metrics', () => {
  it('lists the stall with its request, frames and duration, and counts it', async () => {
    const { requestId } = await stallsOf('/sync/delay?ms=300')
    const stats = await (await fetch(`${server.url}/stats`)).json() as { stalls: Array<StallLine['stall'] & { cpuMs: number }> }
    const listed = stats.stalls.find((stall) => stall.request?.id === requestId)
    expect(listed?.heldMs).toBeGreaterThanOrEqual(280)
    expect(listed?.cpuMs).toBeGreaterThan(0)
    // The first frame of the project's own code (on Node 24 the sample may land in a builtin such as
    // `Performance.hasOwnProperty (<anonymous>)` inside performance.now, above it).
    expect(listed?.frames.find((frame) => frame.location.startsWith('src/'))).toEqual({
      function: 'busyWait', location: expect.stringMatching(/^src\/work\/busy-wait\.ts:\d+$/)
    })
    const metrics = await (await fetch(`${server.url}/metrics`)).text()
    const counted = Number(/^eventloop_stalls_total{pid="\d+"} (\d+)$/m.exec(metrics)?.[1])
    // /stats keeps the last 20; the counter counts them all.
    expect(stats.stalls.length).toBe(Math.min(counted, 20))
    expect(metrics).toMatch(/^eventloop_stall_seconds_count{pid="\d+"} \d+$/m)
  })
})

it('STALL_WARN_MS=0: no watchdog, no warning', async () => {
  const quiet = await startServerProcess({ env: { LOG_LEVEL: 'warn', STALL_WARN_MS: '0' } })
  try {
    const before = quiet.logs.length
    await (await fetch(`${quiet.url}/sync/delay?ms=300`)).arrayBuffer()
    await pause(SETTLE_MS)
    expect(quiet.logs.slice(before).filter((line) => 'stall' in line)).toEqual([])
  } finally {
    await quiet.stop()
  }
})

// The stall line and the slow-request line (src/plugins/request-logging.ts) describe one event when
// the slow request is the one that held the loop: it gets the stall line only.
it('a blocking request slower than SLOW_REQUEST_MS: one warning in all, the stall; a slow async one: its slow line', async () => {
  const slow = await startServerProcess({ env: { LOG_LEVEL: 'warn', SLOW_REQUEST_MS: '200' } })
  try {
    const warningsOf = async (path: string): Promise<Array<{ msg: string }>> => {
      const before = slow.logs.length
      const response = await fetch(`${slow.url}${path}`, { signal: AbortSignal.timeout(15_000) })
      await response.arrayBuffer()
      const id = response.headers.get('x-request-id')
      const deadline = performance.now() + REPORTED_WITHIN_MS
      const mine = (): Array<{ msg: string }> => slow.logs.slice(before).filter((line) => line.level === 40 && line.reqId === id) as unknown as Array<{ msg: string }>
      while (performance.now() < deadline && mine().length === 0) await pause(50)
      await pause(SETTLE_MS)
      return mine()
    }
    const blocking = await warningsOf('/sync/delay?ms=400')
    expect(blocking.map((line) => line.msg)).toHaveLength(1)
    expect(blocking[0]?.msg).toMatch(/^event loop blocked/)
    const waiting = await warningsOf('/async/delay?ms=400')
    expect(waiting.map((line) => line.msg)).toHaveLength(1)
    expect(waiting[0]?.msg).toMatch(/^slow request: GET \/async\/delay\?ms=400 took \d+ ms/)
  } finally {
    await slow.stop()
  }
})
