// `npm run upstream` runs this compiled entry: the slow upstream alone, in its own process.
import { expect, it } from 'vitest'
import { startServerProcess } from '../../load-tests/engine/server-process.js'
import { timedGet } from '../helpers/timing.js'

it('serves /upstream/delay on PORT and exits 0 on SIGTERM', async () => {
  const upstream = await startServerProcess({ command: ['node', 'dist/src/upstream/standalone.js'], env: { LOG_LEVEL: 'warn' } })
  try {
    const answer = await timedGet(`${upstream.url}/upstream/delay?ms=50`)
    expect(answer.status).toBe(200)
    expect(answer.ms).toBeGreaterThanOrEqual(49)
    expect(await upstream.stop('SIGTERM')).toEqual({ code: 0, signal: null })
  } finally {
    // Ends the process if an expectation failed before the SIGTERM; after it, stop() only returns the exit.
    await upstream.stop('SIGKILL')
  }
})

it('refuses a bad configuration with one line naming the variable', async () => {
  await expect(startServerProcess({ command: ['node', 'dist/src/upstream/standalone.js'], env: { MAX_DELAY_MS: 'abc' }, startTimeoutMs: 3000 }))
    .rejects.toThrow('MAX_DELAY_MS must be an integer')
})
