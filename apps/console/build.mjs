// Builds the console into dist/console with Vite, unless the build is already newer than every source file
// (so `npm start` and `npm run build` stay fast when the console did not change).
//   node apps/console/build.mjs           build if stale
//   node apps/console/build.mjs --force   always build
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (rel) => fileURLToPath(new URL(rel, import.meta.url));
const OUT = here('../../dist/console');
const STAMP = join(OUT, '.built');
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', '../api/schema.gql'].map(here);

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

export async function buildConsole({ force = false, quiet = false } = {}) {
  const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
  if (!force && built > Math.max(...SOURCES.map(newestMtime))) return false;
  const { build } = await import('vite');
  const started = Date.now();
  await build({ configFile: here('vite.config.ts'), logLevel: quiet ? 'error' : 'warn' });
  writeFileSync(STAMP, new Date().toISOString());
  if (!quiet) console.log(`[renown] console built into dist/console in ${Date.now() - started} ms`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildConsole({ force: process.argv.includes('--force') });
}
