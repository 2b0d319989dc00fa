// Writes the three report files of a run into one folder.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { LoadResults } from '../core/results-schema.js'
import { PROJECT_ROOT } from '../core/project-root.js'
import { renderHtmlReport } from './html.js'
import { renderMarkdownReport } from './markdown.js'

export interface ReportFiles {
  dir: string
  json: string
  markdown: string
  html: string
}

/** `load-tests/results/<ISO timestamp>/`, with `-` for `:` so the name is valid everywhere. */
export function defaultOutDir (startedAt: string): string {
  return join(PROJECT_ROOT, 'load-tests', 'results', startedAt.replaceAll(':', '-'))
}

export async function writeReports (results: LoadResults, dir: string): Promise<ReportFiles> {
  const files = { dir, json: join(dir, 'results.json'), markdown: join(dir, 'report.md'), html: join(dir, 'report.html') }
  await mkdir(dir, { recursive: true })
  await writeFile(files.json, `${JSON.stringify(results, null, 2)}\n`)
  await writeFile(files.markdown, renderMarkdownReport(results))
  await writeFile(files.html, renderHtmlReport(results))
  return files
}
