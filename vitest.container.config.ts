import { defineConfig } from 'vitest/config'

// The container test builds the image (minutes on these machines), so it runs on its own:
// `npm run test:container`, and in .ci/run after `npm test`.
export default defineConfig({
  test: {
    include: ['test/container/**/*.test.ts'],
    // Each file builds images and runs containers: one at a time on a 2-core machine.
    fileParallelism: false,
    reporters: ['default', './test/reporters/pass-fail-line.ts'],
    testTimeout: 60_000
  }
})
