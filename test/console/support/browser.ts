import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findBrowser } from '../../support/find-browser.mjs';

// Flags that work as root with no network (measured on the CI machines).
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'console');

/** Builds the console into dist/console when its sources changed (about 1 s; a no-op otherwise). */
export function buildConsole(): void {
  execFileSync(process.execPath, ['apps/console/build.mjs'], { stdio: 'pipe' });
}

export async function launchBrowser(): Promise<Browser> {
  // The same search as `npm test`'s first step, which installs a browser when there is none.
  const found = await findBrowser();
  if (!found?.path) throw new Error(`${found?.missing ?? 'No Chromium or Chrome found'}: run the tests with \`npm test\`, which finds or installs one, or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: found.path, args: FLAGS, headless: true });
}

/** Saves a full-page screenshot as test-artifacts/console/<suite>/<nn>-<step>.png, in step order. */
export function screenshots(suite: string) {
  const dir = join(ARTIFACTS, suite);
  rmSync(dir, { recursive: true, force: true }); // only this run's steps, in order
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page: Page, step: string) => {
    n += 1;
    await page.screenshot({ path: join(dir, `${String(n).padStart(2, '0')}-${step}.png`), fullPage: true });
  };
}
