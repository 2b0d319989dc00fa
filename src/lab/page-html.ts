// The page at GET /lab: markup only, every control labelled; the bundled script (src/lab/page/) draws
// the charts and drives the runs. Nothing is loaded from anywhere but this server.
import { LAB_PAIRS, MAX_RUN_CONNECTIONS, MAX_RUN_DURATION_S, MAX_RUN_MS } from './pairs.js'

// The form's limits and routes are the ones POST /lab/runs checks, so the browser refuses what the server would.
const { delay } = LAB_PAIRS
const RUN_CONTROLS = `
      <form id="run-form" class="run-form">
        <label>Delay per request (ms) <input id="run-ms" name="ms" type="number" min="1" max="${MAX_RUN_MS}" value="50" required></label>
        <label>Connections <input id="run-connections" name="connections" type="number" min="1" max="${MAX_RUN_CONNECTIONS}" value="50" required></label>
        <label>Duration (s) <input id="run-duration" name="durationS" type="number" min="1" max="${MAX_RUN_DURATION_S}" value="5" required></label>
        <div class="pair" role="group" aria-label="Load the delay pair">
          <button type="button" id="run-sync" data-path="${delay.blocking}" data-role="blocking">Block it <code>${delay.blocking}</code></button>
          <button type="button" id="run-async" data-path="${delay.nonBlocking}" data-role="non-blocking">Don't <code>${delay.nonBlocking}</code></button>
        </div>
      </form>`

export function labPage ({ runs }: { runs: boolean }): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="color-scheme" content="light dark">
  <title>Event Loop Lab, live</title>
  <link rel="stylesheet" href="/lab/assets/lab.css">
  <script type="module" src="/lab/assets/lab.js"></script>
</head>
<body>
  <header>
    <h1>Event Loop Lab, live</h1>
    <p>Press <em>Block it</em> and watch the server stall: its own feed goes silent, and this page's
    <code>/health</code> checks wait. Press <em>Don't</em> for the same work, awaited.</p>
  </header>
  <main>
    <section aria-labelledby="load-heading">
      <h2 id="load-heading">Load it</h2>
      ${runs ? RUN_CONTROLS : '<p>Load runs are turned off on this server (<code>LAB_RUNS=false</code>); the charts still show its traffic.</p>'}
      <p id="run-status" role="status" aria-live="polite">No run yet.</p>
      <div id="run-result" class="run-result" aria-live="polite"></div>
    </section>
    <section aria-labelledby="watch-heading">
      <h2 id="watch-heading">Watch it</h2>
      <p id="feed-status" class="feed-status" role="status" aria-live="polite">Connecting to the server's feed…</p>
      <div class="charts">
        <figure><figcaption id="health-caption"><code>/health</code> round trip, measured by this page every 100 ms (ms)</figcaption>
          <div id="chart-health" class="chart" role="img" aria-labelledby="health-caption"></div>
          <p class="chart-note">Worst round trip since the last run's load began: <strong id="health-worst" data-worst-ms="0">–</strong></p></figure>
        <figure><figcaption id="loop-caption">Event-loop delay, as the server reports it (ms); shaded: the feed was silent</figcaption>
          <div id="chart-loop" class="chart" role="img" aria-labelledby="loop-caption"></div></figure>
        <figure><figcaption id="rps-caption">Requests per second of the route under load, against its bound</figcaption>
          <div id="chart-rps" class="chart" role="img" aria-labelledby="rps-caption"></div></figure>
      </div>
      <h3>Routes right now</h3>
      <table id="routes-table"><thead><tr><th scope="col">route</th><th scope="col">req/s</th><th scope="col">in flight</th></tr></thead><tbody></tbody></table>
      <h3>Silences</h3>
      <ol id="silences" class="silences"></ol>
    </section>
    <section aria-labelledby="article-heading">
      <h2 id="article-heading">The article, drawn</h2>
      <form id="example-form" class="run-form">
        <label>Example <select id="example-number">${[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `<option${n === 3 ? ' selected' : ''}>${n}</option>`).join('')}</select></label>
        <button type="submit">Run and draw</button>
      </form>
      <div id="timeline" class="timeline"></div>
    </section>
  </main>
</body>
</html>
`
}
