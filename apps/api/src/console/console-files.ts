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

/** Paths the API owns: the console never answers them, not even with its SPA fallback. */
export const API_PREFIXES = ['/graphql', '/health', '/webhooks', '/claim', '/dev', '/api'];

export function isApiPath(path: string): boolean {
  return API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}?`));
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
