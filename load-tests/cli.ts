// `npm run load -- [options]`: parses the command line, runs the engine, writes the reports and
// prints. Everything it does is reachable from code through runLoadTest and writeReports.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Value } from '@sinclair/typebox/value'
import { compareResults } from './core/compare-results.js'
import { COMPARE_HELP, isCompare, parseCompareArgs, type CompareOptions } from './core/compare-options.js'
import { PROJECT_ROOT } from './core/project-root.js'
import { LoadResultsSchema, RESULTS_FORMAT, type LoadResults } from './core/results-schema.js'
import { renderComparisonText, writeComparison } from './report/results-comparison.js'
import { helpText, parseLoadArgs, UsageError } from './core/options.js'
import { renderTerminalReport } from './report/terminal.js'
import { defaultOutDir, shownPath, writeReports } from './report/write-reports.js'
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

/** A results.json checked against the current format: --compare reads its per-second samples. */
async function readResults (file: string): Promise<LoadResults> {
  let data: unknown
  try {
    data = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new UsageError(`--compare: cannot read ${file}: ${(error as Error).message}`)
  }
  const format = (data as { format?: unknown } | null)?.format
  if (format !== RESULTS_FORMAT) throw new UsageError(`--compare: ${file} is ${JSON.stringify(format)}, not ${RESULTS_FORMAT}: run it again with this version`)
  const [first] = Value.Errors(LoadResultsSchema, data)
  if (first !== undefined) throw new UsageError(`--compare: ${file} does not match ${RESULTS_FORMAT} (${first.path} ${first.message})`)
  return data as LoadResults
}

async function compare (options: CompareOptions): Promise<number> {
  const [a, b] = await Promise.all([readResults(options.a), readResults(options.b)])
  const comparison = compareResults({ file: options.a, results: a }, { file: options.b, results: b })
  if (comparison.routes.length === 0) throw new UsageError(`--compare: ${options.a} and ${options.b} have no route in common (same scenario, path and connections)`)
  const dir = options.out ?? join(PROJECT_ROOT, 'load-tests', 'results', `compare-${new Date().toISOString().replaceAll(':', '-')}`)
  const files = await writeComparison(comparison, dir)
  if (options.json) process.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`)
  else process.stdout.write(`${renderComparisonText(comparison)}Comparison: ${shownPath(files.markdown)}\n`)
  return EXIT_OK
}

async function main (args: string[]): Promise<number> {
  if (args.includes('--help') && isCompare(args)) {
    process.stdout.write(COMPARE_HELP)
    return EXIT_OK
  }
  if (isCompare(args)) {
    try {
      return await compare(parseCompareArgs(args))
    } catch (error) {
      if (!(error instanceof UsageError)) throw error
      process.stderr.write(`load test: ${error.message}\n`)
      return EXIT_USAGE
    }
  }
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
