// `node dist/load-tests/wait-for-health.js URL [SECONDS]`: waits until URL/health answers 200, then
// exits 0 (1 after SECONDS, 60 by default). The compose file's one-shot load service runs it before
// the load test: podman-compose 1.0.3 ignores `depends_on: condition: service_healthy`, so the
// service cannot count on its server being up.
import { waitForHealth } from './server-process.js'

const [url, seconds = '60'] = process.argv.slice(2)
if (url === undefined || !/^https?:\/\//.test(url) || !/^\d+$/.test(seconds)) {
  process.stderr.write('usage: wait-for-health.js http://HOST:PORT [SECONDS]\n')
  process.exit(2)
}
try {
  await waitForHealth(url.replace(/\/+$/, ''), Number(seconds) * 1000)
  process.stdout.write(`${url} is healthy\n`)
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`)
  process.exitCode = 1
}
