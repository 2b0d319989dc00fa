// Headless Chromium for tests that need a real browser: Debian's `chromium` package (installed by
// .ci/run), driven by playwright-core, with its background networking off so it only loads the page.
// Only a developer's machine may lack the browser: there these tests are skipped with a hint; in CI
// (CI set, as .ci/run does) they fail instead.
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

const CHROMIUM_PATH = '/usr/bin/chromium'
const CHROMIUM_INSTALL_HINT = `${CHROMIUM_PATH} is missing: apt-get install -y chromium`
const missing = !existsSync(CHROMIUM_PATH)

/** Whether a browser test should be skipped here (and says why on stderr once per file). */
export function skipWithoutChromium (what: string): boolean {
  const skip = missing && process.env.CI === undefined
  if (skip) process.stderr.write(`${what} skipped: ${CHROMIUM_INSTALL_HINT}\n`)
  return skip
}

export async function launchChromium (): Promise<Browser> {
  if (missing) throw new Error(CHROMIUM_INSTALL_HINT)
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
  })
}
