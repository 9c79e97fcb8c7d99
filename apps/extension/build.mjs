// Builds the browser extension with Vite (the project's bundler): each entry is one self-contained classic script
// (content scripts and Firefox's background cannot be ES modules), no remote code. Writes
//   dist/extension/chromium/          unpacked, for chrome://extensions → Load unpacked (or --load-extension)
//   dist/extension/firefox/           unpacked, for about:debugging → Load Temporary Add-on
//   dist/extension/renown-extension-<version>-chromium.zip and -firefox.zip
// Skips the build when dist/extension is newer than every source file (`--force` always builds).
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { build } from 'vite';
import { manifest, VERSION } from './manifest.mjs';

const here = (rel) => fileURLToPath(new URL(rel, import.meta.url));
const OUT = here('../../dist/extension');
const STAMP = join(OUT, '.built');
const SOURCES = ['src', 'manifest.mjs', 'build.mjs'].map(here);
const ENTRIES = { background: 'src/background/background.ts', content: 'src/content/content-script.ts', options: 'src/options/options.ts', connected: 'src/connected/connected.ts' };
const STATIC = { 'options.html': 'src/options/options.html', 'options.css': 'src/options/options.css', 'connected.html': 'src/connected/connected.html' };
const TARGETS = ['chromium', 'firefox'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

function filesOf(dir, prefix = '') {
  const out = {};
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) Object.assign(out, filesOf(p, `${prefix}${f}/`));
    else out[`${prefix}${f}`] = readFileSync(p);
  }
  return out;
}

/** A square PNG of the Renown mark (a white ring on violet), drawn here so the repository holds no binaries. */
function icon(size) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const rows = [];
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c) / (size / 2);
      const inSquare = Math.max(Math.abs(x - c), Math.abs(y - c)) / (size / 2) < 0.98;
      const ring = d > 0.42 && d < 0.66;
      row.push(...(ring ? [255, 255, 255, 255] : inSquare ? [91, 33, 182, 255] : [0, 0, 0, 0]));
    }
    rows.push(Buffer.from(row));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

async function buildAll() {
  const scripts = join(OUT, '.scripts');
  rmSync(OUT, { recursive: true, force: true });
  for (const [name, entry] of Object.entries(ENTRIES)) {
    await build({
      configFile: false,
      logLevel: 'warn',
      root: here('.'),
      build: {
        outDir: scripts,
        emptyOutDir: false,
        target: 'es2022',
        minify: false,
        sourcemap: false,
        lib: { entry: here(entry), formats: ['iife'], name: `renown_${name}`, fileName: () => `${name}.js` },
      },
    });
  }
  for (const target of TARGETS) {
    const dir = join(OUT, target);
    mkdirSync(join(dir, 'icons'), { recursive: true });
    for (const name of Object.keys(ENTRIES)) copyFileSync(join(scripts, `${name}.js`), join(dir, `${name}.js`));
    for (const [to, from] of Object.entries(STATIC)) copyFileSync(here(from), join(dir, to));
    for (const size of [16, 48, 128]) writeFileSync(join(dir, 'icons', `${size}.png`), icon(size));
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest(target), null, 2)}\n`);
    writeFileSync(join(OUT, `renown-extension-${VERSION}-${target}.zip`), zipSync(filesOf(dir), { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }));
  }
  rmSync(scripts, { recursive: true, force: true });
  writeFileSync(STAMP, new Date().toISOString());
}

const force = process.argv.includes('--force');
const fresh = existsSync(STAMP) && statSync(STAMP).mtimeMs > Math.max(...SOURCES.map(newestMtime));
if (force || !fresh) {
  await buildAll();
  if (!process.argv.includes('--quiet')) console.log(`Built the Renown extension ${VERSION} into dist/extension (chromium/, firefox/ and a .zip of each).`);
} else if (!process.argv.includes('--quiet')) {
  console.log('dist/extension is up to date (use --force to rebuild).');
}
