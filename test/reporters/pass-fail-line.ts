// Prints one plain `N passed, N failed` line after the run: CI counts tests from that line alone.
// A file that fails to load or in a hook, and an unhandled error, count as failures, so the line can't read green
// while the run is red.
import type { Reporter, TestModule } from 'vitest/node'

export default class PassFailLine implements Reporter {
  onTestRunEnd (modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0
    let failed = unhandledErrors.length
    for (const module of modules) {
      const tests = [...module.children.allTests()]
      const failedTests = tests.filter((test) => test.result().state === 'failed').length
      passed += tests.filter((test) => test.result().state === 'passed').length
      // A failed hook or import fails the file without failing any one test: count the file.
      failed += failedTests > 0 ? failedTests : Number(module.state() === 'failed')
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed\n`)
  }
}
