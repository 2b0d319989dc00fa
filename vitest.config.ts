import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/container/**'],
    reporters: ['default', './test/reporters/pass-fail-line.ts'],
    // Timing tests measure the event loop; two files spinning it at once on a 2-core machine
    // would measure each other.
    fileParallelism: false,
    // @fastify/autoload imports routes/*.ts at run time; inlining it lets Vitest transform them.
    server: { deps: { inline: ['@fastify/autoload'] } },
    testTimeout: 20_000,
    hookTimeout: 20_000
  }
})
