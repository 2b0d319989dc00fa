// WORKERS > 1: this process only supervises. It forks WORKERS copies of the server entry with
// node:cluster (which hands each new connection to a worker, round-robin on Linux), replaces a worker
// that dies, and on SIGTERM/SIGINT asks every worker to drain and exits 0 once all of them did.
// Nothing here listens or balances requests: src/server.ts listens in each worker, node:cluster
// shares the port.
import cluster, { type Worker } from 'node:cluster'
import { pino } from 'pino'
import type { Config } from './config.js'
import { loggerOptions } from './logger.js'

// Past the workers' own grace period, for them to report and exit before they are killed.
const EXIT_REPORT_MARGIN_MS = 2000

export function runClusterPrimary (config: Pick<Config, 'WORKERS' | 'LOG_LEVEL' | 'SHUTDOWN_GRACE_MS'>): void {
  const log = pino(loggerOptions(config)).child({ role: 'cluster-primary' })
  // Workers that have listened: one that exits before it ever listened could not start (a port in
  // use, say), and a replacement would fail the same way, in a loop.
  const listened = new WeakSet<Worker>()
  let stopping = false
  let failed = false

  const start = (replaces?: number): void => {
    const worker = cluster.fork()
    worker.once('listening', (address) => {
      listened.add(worker)
      log.info({ workerPid: worker.process.pid, port: address.port, replaces }, replaces === undefined ? 'worker listening' : 'replacement worker listening')
    })
  }

  const running = (): Worker[] => Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined)
  const exitWhenAllExited = (): void => {
    if (running().length > 0) return
    log.info('closed')
    process.exit(failed ? 1 : 0)
  }

  const stop = (reason: string): void => {
    if (stopping) return
    stopping = true
    log.info({ reason, workers: running().length }, 'shutting down: asking every worker to drain')
    for (const worker of running()) worker.process.kill('SIGTERM')
    exitWhenAllExited()
    setTimeout(() => {
      log.error({ graceMs: config.SHUTDOWN_GRACE_MS }, 'workers still running after the grace period: killing them')
      for (const worker of running()) worker.process.kill('SIGKILL')
      process.exit(1)
    }, config.SHUTDOWN_GRACE_MS + EXIT_REPORT_MARGIN_MS).unref()
  }

  cluster.on('exit', (worker, code, signal) => {
    const exit = { workerPid: worker.process.pid, code, signal }
    if (stopping) {
      if (code !== 0) failed = true
      log.info(exit, 'worker exited')
      exitWhenAllExited()
      return
    }
    if (!listened.has(worker)) {
      log.error(exit, 'a worker could not start: stopping')
      failed = true
      stop('a worker could not start')
      return
    }
    log.warn(exit, 'worker died: starting a replacement')
    start(worker.process.pid)
  })

  // A terminal's Ctrl-C reaches the whole process group; workers ignore SIGINT (src/server.ts), so
  // each gets exactly one SIGTERM, from here.
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))

  log.info({ workers: config.WORKERS, primaryPid: process.pid }, 'starting workers')
  for (let i = 0; i < config.WORKERS; i++) start()
}
