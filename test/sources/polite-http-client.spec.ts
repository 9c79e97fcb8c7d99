import { appendFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NetworkUnavailableError, PoliteHttpClient, RateLimitedError, redactUrl } from '../../libs/sources/src/http/polite-http-client.js';
import { freePort } from '../support/free-port.js';

/*
 * The client every connector shares, against a local server: it names Renown, waits as a 429 asks, retries a
 * 500, never goes over the limit in any window, slows down when the server announces a lower limit, and says
 * plainly when a host does not answer.
 */
type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

async function serve(handler: Handler) {
  const hits: { at: number; ua: string | undefined }[] = [];
  const server = createServer((req, res) => {
    hits.push({ at: Date.now(), ua: req.headers['user-agent'] });
    handler(req, res, hits.length);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, hits, closeAll: () => server.closeAllConnections(), close: () => new Promise<void>((r) => server.close(() => r())) };
}

const ok = (res: ServerResponse, headers: Record<string, string> = {}) => {
  res.writeHead(200, { 'content-type': 'application/json', ...headers });
  res.end('{"ok":true}');
};

const client = (limit = { requests: 1000, windowSeconds: 1 }) => new PoliteHttpClient({ userAgent: 'Renown/0.1 (+https://renown.example/contact)', limit, minBackoffMs: 20, maxBackoffMs: 200 });

const measured: Record<string, unknown> = {};
afterAll(() => {
  if (process.env.POLITE_HTTP_MEASURE) appendFileSync(process.env.POLITE_HTTP_MEASURE, JSON.stringify(measured) + '\n');
});

describe('PoliteHttpClient', () => {
  it('sends a User-Agent naming Renown and the contact URL', async () => {
    const s = await serve((_q, res) => ok(res));
    const c = client();
    try {
      expect((await c.get(`${s.url}/x`)).status).toBe(200);
      expect(s.hits[0].ua).toBe('Renown/0.1 (+https://renown.example/contact)');
    } finally {
      await c.close();
      await s.close();
    }
  });

  it('waits as long as a 429 says (Retry-After), then succeeds', async () => {
    const s = await serve((_q, res, n) => {
      if (n === 1) {
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
        return res.end('{"error":"RateLimitExceeded"}');
      }
      ok(res);
    });
    const c = client();
    try {
      const answer = await c.get(`${s.url}/x`);
      expect(answer.status).toBe(200);
      expect(s.hits[1].at - s.hits[0].at).toBeGreaterThanOrEqual(1000);
      expect(c.stats()).toMatchObject({ rateLimited: 1, retries: 1 });
    } finally {
      await c.close();
      await s.close();
    }
  });

  it('retries a 500 and returns a 404 to the caller without retrying', async () => {
    const s = await serve((q, res, n) => {
      if (q.url === '/gone') {
        res.writeHead(404, { 'content-type': 'application/json' });
        return res.end('{"error":"Record not found"}');
      }
      if (n === 1) {
        res.writeHead(500);
        return res.end('oops');
      }
      ok(res);
    });
    const c = client();
    try {
      expect((await c.get(`${s.url}/flaky`)).status).toBe(200);
      const gone = await c.get(`${s.url}/gone`);
      expect(gone.status).toBe(404);
      expect(s.hits.length).toBe(3);
    } finally {
      await c.close();
      await s.close();
    }
  });

  it('never sends more than the limit in any window', async () => {
    const s = await serve((_q, res) => ok(res));
    const c = client({ requests: 20, windowSeconds: 1 });
    try {
      await Promise.all(Array.from({ length: 45 }, () => c.get(`${s.url}/x`)));
      const at = s.hits.map((h) => h.at).sort((a, b) => a - b);
      let peak = 0;
      for (let i = 0; i < at.length; i++) peak = Math.max(peak, at.filter((t) => t >= at[i] && t < at[i] + 1000).length);
      expect(peak).toBeLessThanOrEqual(20);
      // ...and still uses most of it: 45 requests at 19/s take a little over two seconds.
      const span = at[at.length - 1] - at[0];
      expect(span).toBeLessThan(3_500);
      expect(peak).toBeGreaterThanOrEqual(17);
      measured.window = { requests: at.length, spanMs: span, perSecond: Math.round(((at.length - 1) / span) * 1000 * 10) / 10, peakInAnyWindow: peak, limit: 20 };
    } finally {
      await c.close();
      await s.close();
    }
  });

  it('slows down to a lower limit the server announces in its headers', async () => {
    const s = await serve((_q, res) => ok(res, { 'ratelimit-limit': '5', 'ratelimit-policy': '5;w=1', 'ratelimit-remaining': '4' }));
    const c = client({ requests: 1000, windowSeconds: 1 });
    try {
      await c.get(`${s.url}/x`);
      const t0 = Date.now();
      for (let i = 0; i < 6; i++) await c.get(`${s.url}/x`);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
      expect(c.rateLimit(s.url)).toMatchObject({ limit: 5, windowSeconds: 1 });
    } finally {
      await c.close();
      await s.close();
    }
  });

  it('says plainly that a host does not answer, after its retries', async () => {
    const port = await freePort();
    const c = new PoliteHttpClient({ userAgent: 'Renown/0.1', limit: { requests: 100, windowSeconds: 1 }, retries: 2, minBackoffMs: 10, maxBackoffMs: 20 });
    try {
      const err = await c.get(`http://127.0.0.1:${port}/x`).catch((e) => e);
      expect(err).toBeInstanceOf(NetworkUnavailableError);
      expect(err.message).toBe(`127.0.0.1:${port} did not answer (connection refused) after 3 attempts`);
    } finally {
      await c.close();
    }
  });
  it('slows requests already queued when the server announces a lower limit', async () => {
    const s = await serve((_q, res) => ok(res, { 'ratelimit-limit': '6', 'ratelimit-policy': '6;w=1' }));
    const c = client({ requests: 1000, windowSeconds: 1 });
    try {
      await Promise.all(Array.from({ length: 14 }, () => c.get(`${s.url}/x`)));
      const at = s.hits.map((h) => h.at).sort((a, b) => a - b);
      // After the first answers (up to maxConcurrent already in flight), no window of 1 s sees more than 6 + 4.
      let peak = 0;
      for (let i = 4; i < at.length; i++) peak = Math.max(peak, at.filter((t) => t >= at[i] && t < at[i] + 1000).length);
      expect(peak).toBeLessThanOrEqual(6);
      measured.lowerLimit = { requests: at.length, spanMs: at[at.length - 1] - at[0], peakAfterAdopting: peak, announced: 6 };
    } finally {
      await c.close();
      await s.close();
    }
  });

  it('holds requests until the reset when the server says none are left', async () => {
    let resetAt = 0;
    const s = await serve((_q, res, n) => {
      if (n === 1) resetAt = Math.ceil(Date.now() / 1000) + 1;
      ok(res, { 'ratelimit-limit': '100', 'ratelimit-remaining': n === 1 ? '0' : '99', 'ratelimit-reset': String(resetAt), 'ratelimit-policy': '100;w=1' });
    });
    const c = client({ requests: 100, windowSeconds: 1 });
    try {
      await c.get(`${s.url}/x`);
      expect(c.rateLimit(s.url)).toMatchObject({ remaining: 0, resetAt: new Date(resetAt * 1000).toISOString() });
      await c.get(`${s.url}/x`);
      expect(s.hits[1].at).toBeGreaterThanOrEqual(resetAt * 1000);
      expect(s.hits.length).toBe(2);
    } finally {
      await c.close();
      await s.close();
    }
  });

  it('reads Mastodon-style X-RateLimit headers (ISO reset) and reports the snapshot', async () => {
    const reset = new Date(Date.now() + 60_000).toISOString();
    const s = await serve((_q, res) => ok(res, { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '250', 'x-ratelimit-reset': reset }));
    const c = client({ requests: 300, windowSeconds: 300 });
    try {
      await c.get(`${s.url}/x`);
      await c.get(`${s.url}/x`);
      const snap = c.rateLimit(s.url);
      expect(snap).toMatchObject({ limit: 300, windowSeconds: 300, remaining: 250, resetAt: new Date(Date.parse(reset)).toISOString(), requestsInWindow: 2 });
      expect(snap.usedShare).toBeCloseTo(2 / 300, 3);
    } finally {
      await c.close();
      await s.close();
    }
  });

  it('keeps one bucket per host and credential, sends the credential as a bearer token, and never returns it in a URL', async () => {
    const auth: (string | undefined)[] = [];
    const s = await serve((q, res) => {
      auth.push(q.headers.authorization);
      ok(res);
    });
    const c = client();
    try {
      const a = await c.get(`${s.url}/x?access_token=sekrit&q=cars`, { credential: 'tok-1' });
      await c.get(`${s.url}/x`);
      expect(auth).toEqual(['Bearer tok-1', undefined]);
      expect(a.url).not.toContain('sekrit');
      expect(a.url).toContain('q=cars');
      expect(c.rateLimit(s.url, 'tok-1').requestsInWindow).toBe(1);
      expect(c.rateLimit(s.url).requestsInWindow).toBe(1);
      expect(redactUrl('https://user:pw@h.example/a?token=t&x=1')).toBe('https://h.example/a?token=redacted&x=1');
      expect(s.hits.every((h) => h.ua === 'Renown/0.1 (+https://renown.example/contact)')).toBe(true);
    } finally {
      await c.close();
      await s.close();
    }
  });

  it('gives up on a 429 that persists with a clear error, and names the status of a 5xx that persists', async () => {
    const s = await serve((q, res) => {
      if (q.url === '/busy') {
        res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' });
        return res.end('{"error":"RateLimitExceeded"}');
      }
      res.writeHead(503, 'Service Unavailable');
      res.end('down');
    });
    const c = new PoliteHttpClient({ userAgent: 'Renown/0.1', limit: { requests: 1000, windowSeconds: 1 }, retries: 2, minBackoffMs: 10, maxBackoffMs: 20 });
    const host = new URL(s.url).host;
    try {
      const busy = await c.get(`${s.url}/busy`).catch((e) => e);
      expect(busy).toBeInstanceOf(RateLimitedError);
      expect(busy.message).toBe(`${host} kept answering 429 (too many requests) after 3 attempts; try again later`);
      const down = await c.get(`${s.url}/down`).catch((e) => e);
      expect(down).toBeInstanceOf(NetworkUnavailableError);
      expect(down).toMatchObject({ host, attempts: 3, lastStatus: 503 });
      expect(down.message).toBe(`${host} did not answer (HTTP 503 Service Unavailable) after 3 attempts`);
      expect(c.stats()).toMatchObject({ requests: 6, retries: 4, rateLimited: 3 });
    } finally {
      await c.close();
      await s.close();
    }
  });

  it('times out a server that never answers', async () => {
    const s = await serve(() => undefined);
    const c = new PoliteHttpClient({ userAgent: 'Renown/0.1', limit: { requests: 1000, windowSeconds: 1 }, retries: 1, timeoutMs: 200, minBackoffMs: 10, maxBackoffMs: 20 });
    try {
      const err = await c.get(`${s.url}/x`).catch((e) => e);
      expect(err).toBeInstanceOf(NetworkUnavailableError);
      expect(err.message).toBe(`${new URL(s.url).host} did not answer (timed out after 0.2 s) after 2 attempts`);
    } finally {
      await c.close();
      s.closeAll();
      await s.close();
    }
  });
});
