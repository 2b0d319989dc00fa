// `npm run bench -- [options]`: the overhead benchmark's entry. Parses arguments, runs, writes the
// reports and prints; everything is reachable from code through runBench and writeBenchReports.
import { UsageError } from '../core/options.js'
import { BENCH_HELP, parseBenchArgs } from './bench-options.js'
import { defaultBenchDir, renderBenchText, writeBenchReports } from './bench-report.js'
import { benchChecks, summarizeBench } from './bench-summary.js'
import { runBench } from './run-bench.js'
import { shownPath } from '../report/write-reports.js'

async function main (args: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseBenchArgs(args)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`bench: ${error.message}\nnpm run bench -- --help lists the options.\n`)
    return 2
  }
  if (parsed.help) {
    process.stdout.write(BENCH_HELP)
    return 0
  }
  const { options } = parsed
  try {
    const results = await runBench(options, (message) => { process.stderr.write(`${message}\n`) })
    const files = await writeBenchReports(results, options.out ?? defaultBenchDir(results.startedAt))
    if (options.json) process.stdout.write(`${JSON.stringify({ ...results, summary: summarizeBench(results) }, null, 2)}\n`)
    else process.stdout.write(renderBenchText(results))
    process.stderr.write(`Report: ${shownPath(files.html)}\n`)
    const failed = benchChecks(results, summarizeBench(results)).some((check) => !check.passed)
    return options.check && failed ? 1 : 0
  } catch (error) {
    process.stderr.write(`bench failed: ${(error as Error).message}\n`)
    return 1
  }
}

process.exitCode = await main(process.argv.slice(2))
