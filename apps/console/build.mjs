// Builds the console into dist/console with Vite, unless the build is already newer than every source file
// (so `npm start` and `npm run build` stay fast when the console did not change).
//   node apps/console/build.mjs           build if stale
//   node apps/console/build.mjs --force   always build
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

const LOCK = here('../../dist/.console-build.lock');
const isFresh = () => (existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0) > Math.max(...SOURCES.map(newestMtime));

/** One build at a time: test files running in parallel would otherwise empty dist/console under each other. */
async function withLock(fn) {
  mkdirSync(here('../../dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than two minutes was left by a killed build.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 120_000) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Removes hashed assets the new index.html does not reference, once no page can still be using them. */
function pruneOldAssets() {
  const dir = join(OUT, 'assets');
  if (!existsSync(dir)) return;
  const index = readFileSync(join(OUT, 'index.html'), 'utf8');
  const cutoff = Date.now() - 10 * 60_000;
  for (const f of readdirSync(dir)) {
    const path = join(dir, f);
    if (!index.includes(f) && statSync(path).mtimeMs < cutoff) rmSync(path, { force: true });
  }
}

export async function buildConsole({ force = false, quiet = false } = {}) {
  if (!force && isFresh()) return false;
  return withLock(async () => {
    if (!force && isFresh()) return false; // another process built it while we waited
    // Always a production build, whatever NODE_ENV the caller runs with (Jest sets "test", which would make
    // Vite bundle React's development build).
    process.env.NODE_ENV = 'production';
    const { build } = await import('vite');
    const started = Date.now();
    await build({ configFile: here('vite.config.ts'), mode: 'production', logLevel: quiet ? 'error' : 'warn' });
    pruneOldAssets();
    writeFileSync(STAMP, new Date().toISOString());
    if (!quiet) console.log(`[renown] console built into dist/console in ${Date.now() - started} ms`);
    return true;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildConsole({ force: process.argv.includes('--force') });
}
