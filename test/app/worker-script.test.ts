import { Worker } from 'node:worker_threads'
import { Piscina } from 'piscina'
import { expect, it } from 'vitest'
import { workerFile } from '../../src/worker-script.js'

it('from source, a TypeScript worker module starts in a plain worker thread', async () => {
  const file = workerFile(import.meta.url, '../fixtures/double-worker.js')
  expect(file).toMatch(/\.mjs$/)
  const worker = new Worker(file)
  const message = await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject))
  await worker.terminate()
  expect(message).toBe('ready')
})

it('from source, the same module serves as a piscina task', async () => {
  const pool = new Piscina({ filename: workerFile(import.meta.url, '../fixtures/double-worker.js'), maxThreads: 1 })
  try {
    expect(await pool.run(21)).toBe(42)
  } finally {
    await pool.destroy()
  }
})

it('compiled, the worker is the .js file next to its caller', () => {
  expect(workerFile('file:///app/dist/src/work/pool.js', './compute-worker.js')).toBe('/app/dist/src/work/compute-worker.js')
})
