import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the built console lives (dist/console at the repository root, written by `npm run build:console`).
 * Found by walking up from this file, so it works from the swc build (dist/apps/api/...) and from sources (tests).
 */
export function findConsoleDir(start = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'apps', 'console'))) return join(dir, 'dist', 'console');
    const parent = resolve(dir, '..');
    if (parent === dir) return resolve('dist', 'console');
    dir = parent;
  }
}

/** Paths the API owns: the console never answers them, not even with a static file. */
export const API_PREFIXES = ['/graphql', '/health', '/webhooks', '/claim', '/dev', '/api', '/unsubscribe', '/apply', '/creators'];

export function isApiPath(path: string): boolean {
  return API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}

/**
 * The console's own client routes (apps/console/src/app.tsx and shell.tsx), answered with index.html so a
 * reload or a link from a mail works. An allowlist rather than "everything else": a route the API adds
 * later (say /campaigns/:id/report.csv) can never be shadowed by the app shell.
 */
export const CONSOLE_ROUTES: RegExp[] = [
  /^\/$/,
  /^\/(login|signup|verify-email|accept-invitation)$/,
  /^\/(team|billing|settings|discover|lists|audience|sources)$/,
  /^\/extension\/connect$/,
  /^\/campaigns(\/new|\/\d+)?$/,
  /^\/accounts(\/\d+)?$/,
  /^\/lists\/\d+$/,
];

export function isConsoleRoute(path: string): boolean {
  return CONSOLE_ROUTES.some((r) => r.test(path.length > 1 ? path.replace(/\/$/, '') : path));
}

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
