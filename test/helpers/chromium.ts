// Headless Chromium for tests that need a real browser: Debian's `chromium` package (installed by
// .ci/run), driven by playwright-core, with its background networking off so it only loads the page.
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM_PATH = '/usr/bin/chromium'

export async function launchChromium (): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
  })
}
