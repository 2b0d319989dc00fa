// Writes the three report files of a run into one folder.
import { mkdir, writeFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import type { LoadResults } from '../core/results-schema.js'
import { PROJECT_ROOT } from '../core/project-root.js'
import { renderHtmlPage, renderHtmlReport } from './html.js'
import { renderMarkdownPage, renderMarkdownReport } from './markdown.js'
import type { ReportPage } from './run-summary.js'

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

/** A report file as a command prints it: relative to the working directory when under it, absolute otherwise. */
export function shownPath (path: string): string {
  return path.startsWith(process.cwd() + sep) ? relative(process.cwd(), path) : path
}

export async function writeReports (results: LoadResults, dir: string): Promise<ReportFiles> {
  return writeFiles(dir, results, renderMarkdownReport(results), renderHtmlReport(results))
}

/** Another tool's results (the probe's): results.json holds them as they are; report.md and report.html draw `page`. */
export async function writeReportFiles (results: unknown, page: ReportPage, dir: string): Promise<ReportFiles> {
  return writeFiles(dir, results, renderMarkdownPage(page), renderHtmlPage(page))
}

async function writeFiles (dir: string, results: unknown, markdown: string, html: string): Promise<ReportFiles> {
  const files = { dir, json: join(dir, 'results.json'), markdown: join(dir, 'report.md'), html: join(dir, 'report.html') }
  await mkdir(dir, { recursive: true })
  await writeFile(files.json, `${JSON.stringify(results, null, 2)}\n`)
  await writeFile(files.markdown, markdown)
  await writeFile(files.html, html)
  return files
}
