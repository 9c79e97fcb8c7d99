import type { NextFunction, Request, Response } from 'express';

/**
 * CORS for the developer REST API (/v1) only, so the Renown browser extension's service worker (and any web page)
 * can call it with a key and without host permissions. Any origin may call: the API takes bearer keys
 * (`Authorization` or `X-Api-Key`), never cookies, and credentials are not allowed, so a page can do no more than
 * whoever holds the key already can. A preflight (`OPTIONS /v1/...`) answers 204 here, before authentication, the
 * rate limit and metering. GraphQL, the console and every other route get no CORS headers.
 */
export const DEVELOPER_API_CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, X-Request-Id',
} as const;

const PREFLIGHT_HEADERS = {
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Api-Key, Idempotency-Key',
  // Browsers cap this (Chrome at 2 hours); one preflight per 10 minutes per route is plenty.
  'Access-Control-Max-Age': '600',
} as const;

/** Mount on `/v1` before the routes: `app.use('/v1', developerApiCors)`. */
export function developerApiCors(req: Request, res: Response, next: NextFunction): void {
  for (const [name, value] of Object.entries(DEVELOPER_API_CORS_HEADERS)) res.setHeader(name, value);
  if (req.method === 'OPTIONS') {
    for (const [name, value] of Object.entries(PREFLIGHT_HEADERS)) res.setHeader(name, value);
    res.setHeader('Vary', 'Access-Control-Request-Headers');
    res.status(204).end();
    return;
  }
  next();
}
