import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * The HTTP plumbing shared by the fake Bluesky AppView and the fake Mastodon instance: a node:http server on
 * 127.0.0.1 (port 0, so nothing is fixed and nothing leaves the machine) that logs every request, enforces a
 * fixed-window rate limit with the network's own headers and 429 body, adds latency, injects faults and can be
 * taken "down" (every connection reset at once).
 *
 * Order of work for a request: down (socket destroyed, nothing answered) -> log and count in the window ->
 * latency -> injected fault -> rate limit (429) -> the network's route. Every HTTP answer, including 429s,
 * faults and route errors, carries the network's rate-limit headers.
 */

export type FakeNetwork = 'bluesky' | 'mastodon' | 'youtube';

export interface RateLimit {
  requests: number;
  windowSeconds: number;
}

/** What a route sees of a request. */
export interface FakeRequest {
  method: string;
  /** The path without the query string, e.g. `/xrpc/app.bsky.actor.getProfile`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The request body parsed as JSON (POSTs), or undefined. */
  body: unknown;
  /** `http://127.0.0.1:<port>`: what Link headers and self URLs are built on. */
  baseUrl: string;
}

/** What a route answers: JSON (`body`) or a raw text (`raw`), with optional extra headers. */
export interface FakeAnswer {
  status: number;
  body?: unknown;
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export type FakeRoute = (req: FakeRequest) => FakeAnswer | Promise<FakeAnswer>;

export type FaultKind = '429' | '500' | '503' | 'malformed' | 'wrong-shape' | 'reset';

export interface FaultRule {
  /** Tested against the path including its query string (`/xrpc/app.bsky.feed.getLikes?uri=...`). */
  match: string | RegExp;
  kind: FaultKind;
  /** How many matching requests get the fault (default 1). */
  times?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  /** The query string as an object; a repeated parameter (`actors=a&actors=b`) becomes an array. */
  query: Record<string, string | string[]>;
  userAgent: string | null;
  authorization: string | null;
  /** Date.now() when the request arrived. */
  at: number;
  /** The status answered; 0 when the socket was destroyed (reset fault) without an answer. */
  status: number;
}

export interface FakeServerStats {
  requests: number;
  byStatus: Record<number, number>;
  /** The most requests seen in any window of the rate limit's length, sliding over the log. */
  peakInWindow: number;
}

export interface FakeServerOptions {
  network: FakeNetwork;
  /** Default: the network's published limit (Bluesky 3000 per 300 s, Mastodon 300 per 300 s). */
  rateLimit?: RateLimit | null;
  latencyMs?: number;
}

export interface FakeServer {
  readonly url: string;
  readonly requests: LoggedRequest[];
  close(): Promise<void>;
  /** null turns limiting off (headers still carry the network's nominal figures, never decreasing). */
  setRateLimit(limit: RateLimit | null): void;
  setLatency(ms: number): void;
  inject(rule: FaultRule): void;
  /** While down, every incoming connection (and every open keep-alive one) is destroyed at once. */
  setDown(down: boolean): void;
  stats(): FakeServerStats;
}

/** Published defaults (the networks' own documentation): Bluesky public AppView 3000/5 min per IP, Mastodon 300/5 min. */
export const DEFAULT_RATE_LIMITS: Record<FakeNetwork, RateLimit> = {
  bluesky: { requests: 3000, windowSeconds: 300 },
  mastodon: { requests: 300, windowSeconds: 300 },
  // YouTube publishes no per-window request limit (its limit is the daily quota): a ceiling no test reaches.
  youtube: { requests: 100_000, windowSeconds: 60 },
};

/** The body each network sends with a 429. */
export function rateLimitedBody(network: FakeNetwork): unknown {
  // Bluesky: XRPC error shape with the RateLimitExceeded name; Mastodon: Rack::Attack's throttled response.
  if (network === 'youtube') return googleError(429, 'Resource has been exhausted (e.g. check quota).', 'rateLimitExceeded', 'youtube.quota');
  return network === 'bluesky' ? { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' } : { error: 'Too many requests' };
}

/** A Google API error body: { error: { code, message, errors: [{ message, domain, reason }] } }. */
export function googleError(code: number, message: string, reason: string, domain = 'global', status?: string) {
  return { error: { code, message, errors: [{ message, domain, reason }], ...(status ? { status } : {}) } };
}

function internalErrorBody(network: FakeNetwork): unknown {
  if (network === 'youtube') return googleError(500, 'Internal error encountered.', 'backendError', 'global', 'INTERNAL');
  return network === 'bluesky' ? { error: 'InternalServerError', message: 'Internal Server Error' } : { error: 'We\'re sorry, but something went wrong on our end.' };
}

/** A 503 as a reverse proxy in front of either service writes it: HTML, not the API's JSON. */
const PROXY_503 = '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** An error page cut short, served as if it were JSON (what a half-broken CDN or proxy sends). */
const MALFORMED_BODY = '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>502 Bad Gateway</title></head><body><h1>Bad Gate';

/** JSON with bigint support: ids above 2^53 never travel as numbers (they are strings in the entities anyway). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));
}

function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (!chunks.length) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeServer(route: FakeRoute, options: FakeServerOptions): Promise<FakeServer> {
  const network = options.network;
  let limit: RateLimit | null = options.rateLimit === undefined ? DEFAULT_RATE_LIMITS[network] : options.rateLimit;
  let latencyMs = options.latencyMs ?? 0;
  let down = false;
  const faults: Array<{ match: string | RegExp; kind: FaultKind; left: number }> = [];
  const requests: LoggedRequest[] = [];
  const sockets = new Set<Socket>();
  // Fixed window: it opens with the first request after the previous one closed.
  let windowStart = 0;
  let windowCount = 0;
  let baseUrl = '';

  const nominal = () => limit ?? DEFAULT_RATE_LIMITS[network];

  function countInWindow(now: number) {
    const { windowSeconds } = nominal();
    if (now >= windowStart + windowSeconds * 1000) {
      windowStart = now;
      windowCount = 0;
    }
    windowCount += 1;
  }

  function rateHeaders(now: number): Record<string, string> {
    const { requests: max, windowSeconds } = nominal();
    const resetMs = Math.max(windowStart + windowSeconds * 1000, now);
    const remaining = limit ? Math.max(0, max - windowCount) : max;
    // Google's APIs send no rate-limit headers.
    if (network === 'youtube') return {};
    if (network === 'bluesky') {
      // https://docs.bsky.app/docs/advanced-guides/rate-limits : IETF draft RateLimit headers, reset in unix seconds.
      return {
        'ratelimit-limit': String(max),
        'ratelimit-remaining': String(remaining),
        'ratelimit-reset': String(Math.ceil(resetMs / 1000)),
        'ratelimit-policy': `${max};w=${windowSeconds}`,
      };
    }
    // https://docs.joinmastodon.org/api/rate-limits/ : X-RateLimit-Reset is an ISO 8601 timestamp.
    return {
      'X-RateLimit-Limit': String(max),
      'X-RateLimit-Remaining': String(remaining),
      'X-RateLimit-Reset': new Date(resetMs).toISOString(),
    };
  }

  function retryAfterSeconds(now: number): number {
    return Math.max(1, Math.ceil((windowStart + nominal().windowSeconds * 1000 - now) / 1000));
  }

  function send(res: ServerResponse, entry: LoggedRequest, answer: FakeAnswer, now: number) {
    entry.status = answer.status;
    const payload = answer.raw ?? (answer.body === undefined ? '' : toJson(answer.body));
    res.writeHead(answer.status, {
      'content-type': answer.contentType ?? 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(payload),
      ...rateHeaders(now),
      ...answer.headers,
    });
    res.end(payload);
  }

  function takeFault(pathWithQuery: string): FaultKind | null {
    for (const fault of faults) {
      if (fault.left <= 0) continue;
      const hit = typeof fault.match === 'string' ? pathWithQuery.includes(fault.match) : fault.match.test(pathWithQuery);
      if (hit) {
        fault.left -= 1;
        return fault.kind;
      }
    }
    return null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', baseUrl);
    const entry: LoggedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: queryObject(url.searchParams),
      userAgent: req.headers['user-agent'] ?? null,
      authorization: req.headers.authorization ?? null,
      at: Date.now(),
      status: 0,
    };
    requests.push(entry);
    countInWindow(entry.at);
    const body = await readBody(req);
    if (latencyMs > 0) await sleep(latencyMs);
    const now = Date.now();

    const fault = takeFault(url.pathname + url.search);
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault === '429') {
      return send(res, entry, { status: 429, body: rateLimitedBody(network), headers: { 'retry-after': '1' } }, now);
    }
    if (fault === '500') return send(res, entry, { status: 500, body: internalErrorBody(network) }, now);
    if (fault === '503') return send(res, entry, { status: 503, raw: PROXY_503, contentType: 'text/html' }, now);
    if (fault === 'malformed') return send(res, entry, { status: 200, raw: MALFORMED_BODY }, now);
    if (fault === 'wrong-shape') return send(res, entry, { status: 200, body: { unexpected: true } }, now);

    if (limit && windowCount > limit.requests) {
      return send(res, entry, { status: 429, body: rateLimitedBody(network), headers: { 'retry-after': String(retryAfterSeconds(now)) } }, now);
    }

    let answer: FakeAnswer;
    try {
      answer = await route({ method: entry.method, path: url.pathname, query: url.searchParams, headers: req.headers, body, baseUrl });
    } catch (err) {
      answer = { status: 500, body: { error: 'InternalServerError', message: `fake ${network} bug: ${(err as Error).message}` } };
    }
    send(res, entry, answer, Date.now());
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket: Socket) => {
    if (down) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    setRateLimit(next) {
      limit = next;
      windowStart = 0;
      windowCount = 0;
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    inject(rule) {
      faults.push({ match: rule.match, kind: rule.kind, left: rule.times ?? 1 });
    },
    setDown(next) {
      down = next;
      if (down) for (const socket of sockets) socket.destroy();
    },
    stats() {
      const answered = requests.filter((r) => r.status > 0);
      const byStatus: Record<number, number> = {};
      for (const r of requests) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      const windowMs = nominal().windowSeconds * 1000;
      const times = answered.map((r) => r.at).sort((a, b) => a - b);
      let peak = 0;
      for (let lo = 0, hi = 0; hi < times.length; hi++) {
        while (times[hi] - times[lo] >= windowMs) lo++;
        peak = Math.max(peak, hi - lo + 1);
      }
      return { requests: requests.length, byStatus, peakInWindow: peak };
    },
  };
}

// ---- helpers shared by both fakes ----

/** Lower-case words of a text, without '#' and '@' marks and punctuation. */
export function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/<[^>]+>/g, ' ')
    .split(/[^\p{L}\p{N}_.-]+/u)
    .flatMap((w) => w.split(/[.\-_]+/))
    .filter(Boolean);
}

/**
 * Whether every word of `q` (hashtag marks ignored) matches a word of `texts`: the same word, its plural
 * (`ev` finds "EVs", `car` finds "cars"), or, for words of 4 letters or more, a prefix ("electr" finds "electric").
 * A stand-in for the services' search engines, which are fuzzier than this but agree on these cases.
 */
export function matchesQuery(q: string, texts: string[]): boolean {
  const wanted = searchWords(q);
  if (!wanted.length) return false;
  const words = new Set(texts.flatMap(searchWords));
  return wanted.every((w) => {
    if (words.has(w) || words.has(`${w}s`) || words.has(`${w}es`)) return true;
    if (w.length >= 4) for (const x of words) if (x.startsWith(w)) return true;
    return false;
  });
}
