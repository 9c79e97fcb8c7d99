// Where the browser tests find Chromium or Chrome. Shared by `npm test`'s first step (ensure-browser.mjs,
// which may install one) and by the tests themselves (test/console/support/browser.ts), so both agree.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Paths Chromium and Chrome are installed at by Debian/Ubuntu, Fedora, snap, Homebrew casks and the vendors. */
export const USUAL_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  join(homedir(), 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
];

/**
 * The browser to use: `CHROMIUM_PATH` or `CHROME_PATH` when set (and then only that one), an installed Chromium
 * or Chrome, or the browser Playwright downloaded into its own cache. Undefined when there is none.
 * @returns {{ path: string, source: string } | { missing: string } | undefined}
 */
export async function findBrowser() {
  for (const name of ['CHROMIUM_PATH', 'CHROME_PATH']) {
    const set = process.env[name];
    if (!set) continue;
    return existsSync(set) ? { path: set, source: name } : { missing: `${name}=${set} does not exist` };
  }
  for (const path of USUAL_PATHS) if (existsSync(path)) return { path, source: 'installed' };
  const playwrights = await playwrightBrowser();
  if (playwrights) return { path: playwrights, source: "Playwright's download" };
  return undefined;
}

/** The executable Playwright's own `install chromium` puts in its cache, when it is there. */
async function playwrightBrowser() {
  try {
    const { chromium } = await import('playwright-core');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}
