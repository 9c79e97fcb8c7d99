// `npm test`'s first step: the browser tests need Chromium or Chrome. Use one that is there; otherwise install
// Debian's `chromium` when this is Debian and we are root, or Playwright's own build where its download works;
// otherwise stop before anything runs, with one line that says what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { findBrowser } from './find-browser.mjs';

const say = (line) => console.log(`[renown test] ${line}`);
const stop = (line) => {
  console.error(`[renown test] ${line}`);
  process.exit(1);
};

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const isDebian = existsSync('/etc/debian_version') && commandExists('apt-get');
const HOW =
  'the browser tests need Chromium or Chrome: install one (Debian/Ubuntu: apt-get install chromium; macOS: brew install --cask chromium) or set CHROMIUM_PATH to its executable';

let found = await findBrowser();
if (found?.missing) stop(`${found.missing}: ${HOW}`);

if (!found && isDebian && isRoot) {
  say("no Chromium found: installing Debian's chromium (apt-get, about a minute)");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => spawnSync('apt-get', ['-o', 'APT::Sandbox::User=root', ...args], { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const update = apt(['update', '-qq']);
  const install = update.status === 0 ? apt(['install', '-y', '-qq', 'chromium']) : update;
  if (install.status !== 0) say(`apt-get could not install chromium: ${lastLine(install.stderr)}`);
  found = await findBrowser();
}

if (!found) {
  say("no Chromium found: trying Playwright's own download (playwright-core install chromium)");
  const cli = join(dirname(createRequire(import.meta.url).resolve('playwright-core/package.json')), 'cli.js');
  const download = spawnSync(process.execPath, [cli, 'install', 'chromium'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 10 * 60_000 });
  if (download.status !== 0) say(`Playwright's download did not work: ${lastLine(download.stderr) || download.error?.message || 'no answer'}`);
  found = await findBrowser();
}

if (!found) stop(HOW);
say(`browser tests use ${found.path} (${found.source})`);

function commandExists(name) {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The line of a failed command's output that says why: its first error line, or its last line. */
function lastLine(text) {
  const lines = String(text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^(E:|Error:)/.test(l)) ?? lines.pop() ?? '';
}
