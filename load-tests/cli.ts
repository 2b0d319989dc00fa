// `npm run load -- [options]`: parses the command line, runs the engine, writes the reports and
// prints. Everything it does is reachable from code through runLoadTest and writeReports.
import { relative, sep } from 'node:path'
import { helpText, parseLoadArgs, UsageError } from './core/options.js'
import { renderTerminalReport } from './report/terminal.js'
import { defaultOutDir, writeReports } from './report/write-reports.js'
import { runLoadTest } from './engine/run-load-test.js'
import { SCENARIOS } from './scenarios/index.js'

const EXIT_OK = 0
const EXIT_FAILED = 1
const EXIT_USAGE = 2

/** Progress on stderr: one line rewritten in place on a terminal, one line per message otherwise. */
function progressWriter (stream: NodeJS.WriteStream) {
  return {
    write: (message: string) => { stream.write(stream.isTTY ? `\r\x1b[2K${message.slice(0, (stream.columns || 120) - 1)}` : `${message}\n`) },
    end: () => { if (stream.isTTY) stream.write('\r\x1b[2K') }
  }
}

/** Relative to the working directory when the file is under it, absolute otherwise. */
function shownPath (path: string): string {
  return path.startsWith(process.cwd() + sep) ? relative(process.cwd(), path) : path
}

async function main (args: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseLoadArgs(args, SCENARIOS)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`load test: ${error.message}\nnpm run load -- --help lists the options.\n`)
    return EXIT_USAGE
  }
  if (parsed.help) {
    process.stdout.write(helpText(SCENARIOS))
    return EXIT_OK
  }
  const { options } = parsed
  const progress = progressWriter(process.stderr)
  try {
    const results = await runLoadTest(options, SCENARIOS, { progress: progress.write })
    progress.end()
    const files = await writeReports(results, options.out ?? defaultOutDir(results.startedAt))
    const reportPath = shownPath(files.html)
    if (options.json) {
      process.stdout.write(`${JSON.stringify(results, null, 2)}\n`)
      process.stderr.write(`Report: ${reportPath}\n`)
    } else {
      process.stdout.write(`${renderTerminalReport(results)}Report: ${reportPath}\n`)
    }
    return options.check && !results.passed ? EXIT_FAILED : EXIT_OK
  } catch (error) {
    progress.end()
    if (error instanceof UsageError) {
      process.stderr.write(`load test: ${error.message}\n`)
      return EXIT_USAGE
    }
    process.stderr.write(`load test failed: ${(error as Error).message}\n`)
    return EXIT_FAILED
  }
}

process.exitCode = await main(process.argv.slice(2))
