import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CONTENT_TYPES, findConsoleDir, isApiPath, isConsoleRoute } from './console-files.js';

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Renown console not built</title>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;line-height:1.5">
<h1>The console has not been built</h1><p>Run <code>npm run build:console</code> (or <code>npm start</code>, which builds it) and reload this page.
The API itself is at <a href="/graphql">/graphql</a>.</p></body></html>`;

/**
 * Serves the built console: its static files, and index.html for its client routes, so deep links like
 * /campaigns/42 work after a reload. Everything else passes straight through to the API.
 */
@Injectable()
export class ConsoleMiddleware implements NestMiddleware {
  private readonly root = findConsoleDir();

  use(req: Request, res: Response, next: NextFunction): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next(); // the API's (GraphQL POSTs, webhooks)
    // req.path is relative to the middleware's mount point; the full path is what the browser asked for.
    const path = new URL(req.originalUrl, 'http://console.local').pathname;
    if (isApiPath(path)) return next();
    const file = this.resolveFile(path);
    if (file) return this.send(req, res, file);
    // Anything else is the API's (or its 404): an unknown asset must not get the app shell either, or a
    // stale tab would parse HTML as JavaScript.
    if (!isConsoleRoute(path)) return next();
    const index = join(this.root, 'index.html');
    if (!existsSync(index)) {
      res.status(503).type('html').send(NOT_BUILT);
      return;
    }
    this.send(req, res, index);
  }

  private resolveFile(path: string): string | undefined {
    if (path === '/' || path.endsWith('/')) return undefined;
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return undefined;
    }
    const full = normalize(join(this.root, decoded));
    if (!full.startsWith(this.root + sep)) return undefined; // no ../ escapes
    try {
      return statSync(full).isFile() ? full : undefined;
    } catch {
      return undefined;
    }
  }

  private send(req: Request, res: Response, file: string): void {
    const hashed = file.includes(`${sep}assets${sep}`);
    res.setHeader('content-type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
    // Built assets carry a content hash in their name; index.html must always be re-read to pick up new ones.
    res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('x-content-type-options', 'nosniff');
    if (file.endsWith('.html')) {
      res.setHeader('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
    }
    res.setHeader('content-length', String(statSync(file).size));
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  }
}
