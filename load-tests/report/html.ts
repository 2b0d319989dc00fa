// report.html: one self-contained page — tables, verdicts and vega-lite charts — that works offline.
// The vega, vega-lite and vega-embed browser bundles are copied into the page from node_modules:
// a report is something people keep and mail around, so it must not depend on a CDN.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { LoadResults } from '../core/results-schema.js'
import type { Chart, ScenarioResult, Table, Verdict } from '../core/scenario.js'
import { reportTitle, runSummaryLines } from './run-summary.js'

const require = createRequire(import.meta.url)

/** The browser bundles, in load order (vega-lite needs vega; vega-embed needs both). */
const BUNDLES: Array<[pkg: string, file: string]> = [['vega', 'vega.min.js'], ['vega-lite', 'vega-lite.min.js'], ['vega-embed', 'vega-embed.min.js']]

function bundleScript (pkg: string, file: string): string {
  // Each package's main entry lives in its build/ folder, next to the minified browser bundle.
  const source = readFileSync(join(dirname(require.resolve(pkg)), file), 'utf8')
  return `<script>/* ${pkg} */\n${source.replaceAll('</script', '<\\/script')}\n</script>`
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

function tableHtml (table: Table): string {
  const cellTag = (tag: string, text: string, i: number) =>
    `<${tag}${table.columns[i]?.align === 'right' ? ' class="num"' : ''}>${escapeHtml(text)}</${tag}>`
  return [
    `<h3>${escapeHtml(table.title)}</h3>`,
    '<div class="scroll"><table>',
    `<thead><tr>${table.columns.map((column, i) => cellTag('th', column.title, i)).join('')}</tr></thead>`,
    `<tbody>${table.rows.map((row) => `<tr>${row.map((text, i) => cellTag('td', text, i)).join('')}</tr>`).join('')}</tbody>`,
    '</table></div>',
    table.notes.length === 0 ? '' : `<ul class="notes">${table.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`
  ].join('\n')
}

function verdictHtml (verdict: Verdict): string {
  return `<li class="${verdict.passed ? 'pass' : 'fail'}"><span class="mark">${verdict.passed ? '✓' : '✗'}</span> ${escapeHtml(verdict.text)}</li>`
}

function chartHtml (chart: Chart, index: number): string {
  return `<figure><div class="chart" id="chart-${index}" role="img" aria-label="${escapeHtml(chart.title)}"></div>` +
    `<figcaption>${escapeHtml(chart.caption)}</figcaption></figure>`
}

function scenarioHtml (result: ScenarioResult, firstChart: number): string {
  return [
    `<section id="scenario-${escapeHtml(result.name)}">`,
    `<h2>${escapeHtml(result.title)}</h2>`,
    `<p>${escapeHtml(result.summary)}</p>`,
    `<ul class="verdicts">${result.verdicts.map(verdictHtml).join('')}</ul>`,
    ...result.tables.map(tableHtml),
    ...result.charts.map((chart, i) => chartHtml(chart, firstChart + i)),
    '</section>'
  ].join('\n')
}

/** JSON inside a <script> element: `<` escaped so no string in it can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replaceAll('<', '\\u003c')

export function renderHtmlReport (results: LoadResults): string {
  const charts = results.scenarios.flatMap((scenario) => scenario.charts)
  const firstCharts = results.scenarios.map((_, i) => results.scenarios.slice(0, i).reduce((sum, s) => sum + s.charts.length, 0))
  const title = reportTitle(results)
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
${BUNDLES.map(([pkg, file]) => bundleScript(pkg, file)).join('\n')}
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
${runSummaryLines(results).map((line) => `<p class="meta">${escapeHtml(line)}</p>`).join('\n')}
<ul class="verdicts headline">${results.scenarios.flatMap((scenario) => scenario.verdicts.slice(0, 1)).map(verdictHtml).join('')}</ul>
</header>
<main>
${results.scenarios.map((scenario, i) => scenarioHtml(scenario, firstCharts[i] ?? 0)).join('\n')}
</main>
<script type="application/json" id="chart-specs">${scriptJson(charts.map((chart) => chart.spec))}</script>
<script>
const specs = JSON.parse(document.getElementById('chart-specs').textContent)
Promise.all(specs.map((spec, i) => vegaEmbed('#chart-' + i, spec, { actions: false, renderer: 'svg' })))
  .then(() => { document.body.dataset.chartsRendered = String(specs.length) })
  .catch((error) => { console.error('chart failed to render', error); document.body.dataset.chartsRendered = 'error' })
</script>
</body>
</html>
`
}

const STYLE = `
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f; margin: 0 auto; max-width: 1100px; padding: 1.5rem; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ddd; } h3 { font-size: 1rem; margin-top: 1.5rem; }
.meta { color: #555; margin: .1rem 0; font-size: .9rem; }
.verdicts { list-style: none; padding: 0; } .verdicts li { margin: .2rem 0; }
.headline li { font-size: 1.1rem; font-weight: 600; }
.mark { display: inline-block; width: 1.2em; } .pass .mark { color: #1a7f37; } .fail .mark, .fail { color: #cf222e; }
.scroll { overflow-x: auto; } table { border-collapse: collapse; font-size: .85rem; font-variant-numeric: tabular-nums; }
th, td { padding: .3rem .6rem; border-bottom: 1px solid #e5e5e5; text-align: left; white-space: nowrap; } th { background: #f6f8fa; }
.num { text-align: right; } .notes { color: #555; font-size: .85rem; }
figure { margin: 1.5rem 0; } figcaption { color: #444; font-size: .9rem; max-width: 640px; }
`
