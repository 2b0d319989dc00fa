import { defineConfig } from 'vitest/config'

// Three tiers, each a Vitest project, run one after another (sequence.groupOrder) by `npm test`:
//   unit     the app through app.inject and pure functions: no build, answers in seconds
//            (`npm run test:unit`). Every test file is here unless listed below. Its files share one
//            module graph (isolate: false): importing Fastify, the routes and TypeBox once instead
//            of once per file saves about a third of the tier's CPU. Each test builds its own app;
//            the apps share one slow upstream and their compiled schemas (test/helpers/build-test-app.ts).
//   process  the built server (dist/) in another process, the built CLIs (`npm run test:process`),
//            and the two in-process tests that hold their own event loop for seconds on end to watch
//            timers and ticks come late (the lab's feed, the upstream call's deadline).
//   load     load runs with autocannon and the report in Chromium (`npm run test:load`).
const PROCESS = [
  'test/server/**/*.test.ts',
  'test/examples/cli.test.ts',
  'test/app/worker-script.test.ts',
  'test/load-tests/cli.test.ts',
  'test/load-tests/probe/cli.test.ts',
  'test/load-tests/engine/server-process.test.ts',
  'test/lab/feed.test.ts',
  'test/upstream-clients/upstream-deadline.test.ts'
]
const LOAD = [
  'test/app/docs-browser.test.ts',
  'test/lab/lab-browser.test.ts',
  'test/load-tests/engine/route-comparison.test.ts',
  'test/load-tests/engine/honest-latency.test.ts',
  'test/load-tests/report/html.test.ts',
  'test/load-tests/probe/fixture-servers.test.ts',
  'test/load-tests/bench/bench.test.ts',
  // A scenario's run; its pure report pieces (`*-report.test.ts`) are unit tests.
  'test/load-tests/scenarios/**/!(*-report).test.ts'
]
const ELSEWHERE = ['test/container/**']

export default defineConfig({
  test: {
    // Once for the whole run, not once per project: CI reads that one line.
    reporters: ['default', './test/reporters/pass-fail-line.ts'],
    // Timing tests measure the event loop; two files spinning it at once on a 2-core machine
    // would measure each other. Projects inherit this and the rest of `test` through `extends`.
    fileParallelism: false,
    // @fastify/autoload imports routes/*.ts at run time; inlining it lets Vitest transform them.
    server: { deps: { inline: ['@fastify/autoload'] } },
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', isolate: false, include: ['test/**/*.test.ts'], exclude: [...ELSEWHERE, ...PROCESS, ...LOAD], sequence: { groupOrder: 0 } }
      },
      {
        extends: true,
        test: { name: 'process', include: PROCESS, exclude: ELSEWHERE, sequence: { groupOrder: 1 } }
      },
      {
        extends: true,
        test: { name: 'load', include: LOAD, exclude: ELSEWHERE, sequence: { groupOrder: 2 } }
      }
    ]
  }
})
