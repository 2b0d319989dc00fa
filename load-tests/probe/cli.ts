// `npm run probe -- --suspect URL --victim URL`: parses the command line, announces a remote target
// before its first request, runs the probe, writes the same three report files as `npm run load`
// and prints. Everything it does is reachable from code through runProbe and probeResults.
import { UsageError } from '../core/options.js'
import { renderTerminalReport } from '../report/terminal.js'
import { defaultOutDir, shownPath, writeReportFiles } from '../report/write-reports.js'
import { parseProbeArgs, probeHelpText } from './options.js'
import { probeResults } from './probe.js'
import { probeReportPage } from './report.js'
import { remoteAnnouncement } from './target.js'

const EXIT_OK = 0
const EXIT_FAILED = 1
const EXIT_USAGE = 2

async function main (args: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseProbeArgs(args)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`probe: ${error.message}\n`)
    return EXIT_USAGE
  }
  if (parsed.help) {
    process.stdout.write(probeHelpText())
    return EXIT_OK
  }
  const { options } = parsed
  const announcement = remoteAnnouncement(options)
  if (announcement !== null) process.stderr.write(`probe: ${announcement}\n`)
  const progress = (message: string) => { process.stderr.write(`probe · ${message}\n`) }
  try {
    const results = await probeResults(options, progress)
    const files = await writeReportFiles(results, probeReportPage(results), options.out ?? defaultOutDir(`probe-${results.startedAt}`))
    if (options.json) {
      process.stdout.write(`${JSON.stringify(results, null, 2)}\n`)
      process.stderr.write(`Report: ${shownPath(files.html)}\n`)
    } else {
      process.stdout.write(`${renderTerminalReport(results)}Report: ${shownPath(files.html)}\n`)
    }
    return EXIT_OK
  } catch (error) {
    process.stderr.write(`probe failed: ${(error as Error).message}\n`)
    return EXIT_FAILED
  }
}

process.exitCode = await main(process.argv.slice(2))
