import { createHash } from 'node:crypto';
import Bottleneck from 'bottleneck';
import pRetry, { AbortError } from 'p-retry';

export interface PoliteHttpOptions {
  /** Sent on every request: "Renown/0.1 (+https://contact)". */
  userAgent: string;
  /** The network's published limit, used until its answers announce another. */
  limit: { requests: number; windowSeconds: number };
  /** Share of the limit to use (default 0.95): never the whole of it, so clocks that disagree cannot tip us over. */
  headroom?: number;
  /** Requests in flight at once per bucket (default 4). */
  maxConcurrent?: number;
  /** Retries after the first attempt (default 5). */
  retries?: number;
  timeoutMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  fetch?: typeof fetch;
}

export interface HttpAnswer {
  status: number;
  url: string;
  headers: Headers;
  text: string;
}

export interface RateLimitSnapshot {
  limit: number;
  windowSeconds: number;
  /** What the last answer said is left in its window (null when it did not say). */
  remaining: number | null;
  /** When the server's window resets (ISO), if it said. */
  resetAt: string | null;
  /** Requests this client made in the last window. */
  requestsInWindow: number;
  /** requestsInWindow / limit. */
  usedShare: number;
}

/** The network did not answer usefully after the retries: connection refused or reset, timeouts, 5xx. */
export class NetworkUnavailableError extends Error {
  override name = 'NetworkUnavailableError';
  constructor(
    readonly host: string,
    readonly attempts: number,
    readonly what: string,
    readonly lastStatus?: number,
  ) {
    super(`${host} did not answer (${what}) after ${attempts} attempt${attempts === 1 ? '' : 's'}`);
  }
}

/** Still over the limit after waiting as told, every retry. */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  constructor(
    readonly host: string,
    readonly attempts: number,
  ) {
    super(`${host} kept answering 429 (too many requests) after ${attempts} attempts; try again later`);
  }
}

interface Bucket {
  limiter: Bottleneck;
  refill: ReturnType<typeof setInterval> | null;
  limit: number;
  windowSeconds: number;
  /** What the server last said was left, and how many of our requests had started when it said so. */
  remaining: number | null;
  remainingAt: number;
  resetAt: number | null;
  /** Start times of our requests (reserved, so possibly a little ahead of now), oldest first. */
  sent: number[];
  /** Requests started through this bucket. */
  started: number;
}

class Retryable extends Error {
  constructor(
    readonly what: string,
    readonly status: number | undefined,
    /** How long the server asked us to wait, if it did. */
    readonly waitMs: number | null,
  ) {
    super(what);
  }
}

/** Query parameters that carry secrets: never returned, logged or stored. */
const SECRET_PARAMS = /^(access_token|token|api_key|apikey|key|password|secret|client_secret|code|sig|signature)$/i;

/** The URL without user info and with secret-looking query parameters blanked out. */
export function redactUrl(url: string | URL): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  for (const k of [...u.searchParams.keys()]) if (SECRET_PARAMS.test(k)) u.searchParams.set(k, 'redacted');
  return u.toString();
}

/** Seconds (`120`) or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

/** The rate headers of both families: `ratelimit-*` (Bluesky, IETF draft) and `X-RateLimit-*` (Mastodon). */
export function readRateHeaders(h: Headers): { limit: number | null; windowSeconds: number | null; remaining: number | null; resetAt: number | null } {
  const num = (v: string | null) => (v !== null && /^\d+$/.test(v.trim()) ? Number(v) : null);
  const limit = num(h.get('ratelimit-limit')) ?? num(h.get('x-ratelimit-limit'));
  const remaining = num(h.get('ratelimit-remaining')) ?? num(h.get('x-ratelimit-remaining'));
  const policy = /w=(\d+)/.exec(h.get('ratelimit-policy') ?? '');
  const windowSeconds = policy ? Number(policy[1]) : null;
  let resetAt: number | null = null;
  const reset = h.get('ratelimit-reset') ?? h.get('x-ratelimit-reset');
  if (reset) {
    if (/^\d+$/.test(reset.trim())) {
      const n = Number(reset);
      // Unix seconds (Bluesky) or, in the IETF draft, seconds from now.
      resetAt = n > 1_000_000_000 ? n * 1000 : Date.now() + n * 1000;
    } else {
      const t = Date.parse(reset);
      resetAt = Number.isNaN(t) ? null : t;
    }
  }
  return { limit, windowSeconds, remaining, resetAt };
}

/** A bucket per origin and credential; the credential is kept only as a hash, so no key ever shows it. */
const bucketKey = (origin: string, credential?: string) => `${new URL(origin).origin} ${credential ? createHash('sha256').update(credential).digest('hex').slice(0, 16) : ''}`;

/**
 * The HTTP client every network connector shares. Requests wait in a token bucket per host and credential
 * (bottleneck: a reservoir refilled each window plus an even spacing, so no window ever sees more than the limit),
 * adapt to the limits the answers announce, and retry (p-retry) on 429 (after Retry-After or the reset time),
 * 5xx and network errors, exponentially with jitter. Other 4xx answers go back to the caller, which knows what a
 * 404 or a 400 "Profile not found" means on its network.
 */
export class PoliteHttpClient {
  private readonly buckets = new Map<string, Bucket>();
  private readonly counters = { requests: 0, retries: 0, rateLimited: 0, waitedMs: 0 };
  private readonly closing = new AbortController();

  constructor(private readonly options: PoliteHttpOptions) {}

  private get headroom() {
    return this.options.headroom ?? 0.95;
  }

  private bucket(origin: string, credential = ''): Bucket {
    const key = bucketKey(origin, credential);
    let b = this.buckets.get(key);
    if (!b) {
      const { requests, windowSeconds } = this.options.limit;
      b = { limiter: this.newLimiter(requests, windowSeconds), refill: null, limit: requests, windowSeconds, remaining: null, remainingAt: 0, resetAt: null, sent: [], started: 0 };
      this.startRefill(b);
      this.buckets.set(key, b);
    }
    return b;
  }

  /** Requests allowed per window: the limit less the headroom. */
  private allowed(limit: number) {
    return Math.max(1, Math.floor(limit * this.headroom));
  }

  /**
   * A bottleneck limiter: even spacing (minTime) and a reservoir of the allowed share, refilled every window by our
   * own timer (bottleneck 2.19's updateSettings() stops its built-in refresh heartbeat, and we change settings when
   * a server announces a lower limit).
   */
  private newLimiter(requests: number, windowSeconds: number) {
    const allowed = this.allowed(requests);
    return new Bottleneck({ maxConcurrent: this.options.maxConcurrent ?? 4, minTime: Math.ceil((windowSeconds * 1000) / allowed), reservoir: allowed });
  }

  private startRefill(b: Bucket) {
    if (b.refill) clearInterval(b.refill);
    b.refill = setInterval(() => b.limiter.updateSettings({ reservoir: this.allowed(b.limit) }), b.windowSeconds * 1000);
    b.refill.unref();
  }

  /**
   * Reads the rate headers of an answer to the request that was the `seq`-th to start. A lower limit announced by
   * the server replaces ours (a higher one is ignored: the published figure stands) in the same limiter, so
   * requests already queued slow down too.
   */
  private adapt(b: Bucket, h: Headers, seq: number) {
    const r = readRateHeaders(h);
    // Requests that started after this one are not in the server's count yet: take them off what is left.
    if (r.remaining !== null && (b.remaining === null || seq >= b.remainingAt)) {
      b.remaining = r.remaining - (b.started - seq);
      b.remainingAt = b.started;
    }
    if (r.resetAt !== null) b.resetAt = r.resetAt;
    const windowSeconds = r.windowSeconds ?? b.windowSeconds;
    if (r.limit !== null && r.limit > 0 && r.limit / windowSeconds < b.limit / b.windowSeconds - 1e-9) {
      b.limit = r.limit;
      b.windowSeconds = windowSeconds;
      const allowed = this.allowed(r.limit);
      const since = Date.now() - windowSeconds * 1000;
      b.limiter.updateSettings({ minTime: Math.ceil((windowSeconds * 1000) / allowed), reservoir: Math.max(0, allowed - b.sent.filter((t) => t > since).length) });
      this.startRefill(b);
    }
  }

  /**
   * Reserves the next start time for a request of this bucket and returns how long to wait for it: after the
   * server's reset when it said the window is spent, and never more than the allowed share in any sliding window
   * (bottleneck spaces requests; this guards the window itself against timer jitter and answers in flight).
   */
  private reserve(b: Bucket): number {
    const now = Date.now();
    const windowMs = b.windowSeconds * 1000;
    let at = now;
    const left = b.remaining === null ? null : b.remaining - (b.started - b.remainingAt);
    if (left !== null && left <= 0 && b.resetAt !== null) {
      if (b.resetAt > now) at = Math.min(b.resetAt + 50, now + windowMs + 1000);
      else b.remaining = null;
    }
    while (b.sent.length && b.sent[0] <= now - windowMs) b.sent.shift();
    const allowed = this.allowed(b.limit);
    if (b.sent.length) at = Math.max(at, b.sent[b.sent.length - 1] + Math.floor(windowMs / allowed));
    if (b.sent.length >= allowed) at = Math.max(at, b.sent[b.sent.length - allowed] + windowMs + 1);
    b.sent.push(at);
    if (at > now && b.remaining !== null && left !== null && left <= 0) {
      // The server's window has turned over by the time this one starts.
      b.remaining = null;
    }
    b.started++;
    return at - now;
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const signal = this.closing.signal;
      if (signal.aborted) return reject(new Error('the HTTP client was closed'));
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(new Error('the HTTP client was closed'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private async send(method: 'GET' | 'POST', url: URL, body: string | undefined, init: { headers?: Record<string, string>; credential?: string }): Promise<HttpAnswer> {
    const doFetch = this.options.fetch ?? fetch;
    const host = url.host;
    const retries = this.options.retries ?? 5;
    let attempts = 0;
    const headers: Record<string, string> = { 'user-agent': this.options.userAgent, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) };
    for (const [k, v] of Object.entries(init.headers ?? {})) headers[k.toLowerCase()] = v;
    if (init.credential && !headers.authorization) headers.authorization = `Bearer ${init.credential}`;
    const shownUrl = redactUrl(url);
    const attempt = async (): Promise<HttpAnswer> => {
      const b = this.bucket(url.origin, init.credential);
      return b.limiter.schedule(async () => {
        // Held until the server's window resets when it said none are left; never over the limit in a window.
        const wait = this.reserve(b);
        const seq = b.started;
        if (wait > 0) {
          this.counters.waitedMs += wait;
          await this.sleep(wait);
        }
        attempts++;
        this.counters.requests++;
        let res: Response;
        try {
          res = await doFetch(url, {
            method,
            body,
            headers,
            signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs ?? 15_000), this.closing.signal]),
          });
        } catch (err) {
          if (this.closing.signal.aborted) throw new AbortError('the HTTP client was closed');
          const cause = (err as { cause?: { code?: string } })?.cause?.code ?? (err as Error)?.name;
          const what = cause === 'ECONNREFUSED' ? 'connection refused' : cause === 'ECONNRESET' || cause === 'UND_ERR_SOCKET' ? 'connection reset' : cause === 'TimeoutError' ? `timed out after ${Math.round((this.options.timeoutMs ?? 15_000) / 100) / 10} s` : cause === 'ENOTFOUND' || cause === 'EAI_AGAIN' ? 'host not found' : `network error: ${cause ?? err}`;
          throw new Retryable(what, undefined, null);
        }
        this.adapt(b, res.headers, seq);
        const text = await res.text().catch(() => {
          throw new Retryable('connection reset while reading the answer', res.status, null);
        });
        if (res.status === 429) {
          this.counters.rateLimited++;
          const r = readRateHeaders(res.headers);
          const wait = retryAfterMs(res.headers.get('retry-after')) ?? (r.resetAt ? Math.max(0, r.resetAt - Date.now()) : null);
          if (wait !== null) {
            // Hold every request of this bucket, not only this one, until the server is ready again.
            b.remaining = 0;
            b.remainingAt = b.started;
            b.resetAt = Math.max(b.resetAt ?? 0, Date.now() + Math.min(wait, 15 * 60_000));
          }
          throw new Retryable('429 too many requests', 429, wait);
        }
        if (res.status >= 500) throw new Retryable(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, res.status, retryAfterMs(res.headers.get('retry-after')));
        return { status: res.status, url: shownUrl, headers: res.headers, text };
      });
    };
    try {
      return await pRetry(attempt, {
        retries,
        minTimeout: 0,
        maxTimeout: 0,
        shouldRetry: (err) => err instanceof Retryable,
        onFailedAttempt: async (err) => {
          if (!(err instanceof Retryable) || err.retriesLeft <= 0) return;
          this.counters.retries++;
          const min = this.options.minBackoffMs ?? 500;
          const max = this.options.maxBackoffMs ?? 60_000;
          const backoff = Math.min(max, min * 2 ** (err.attemptNumber - 1)) * (0.5 + Math.random() * 0.5);
          const wait = err.waitMs !== null ? Math.min(err.waitMs + 50, 10 * 60_000) : backoff;
          this.counters.waitedMs += wait;
          await this.sleep(wait);
        },
      });
    } catch (err) {
      if (err instanceof Retryable) {
        if (err.status === 429) throw new RateLimitedError(host, attempts);
        throw new NetworkUnavailableError(host, attempts, err.what, err.status);
      }
      if (err instanceof AbortError) throw err.originalError ?? err;
      throw err;
    }
  }

  get(url: string | URL, init: { headers?: Record<string, string>; credential?: string } = {}): Promise<HttpAnswer> {
    return this.send('GET', new URL(url), undefined, init);
  }

  post(url: string | URL, json: unknown, init: { headers?: Record<string, string>; credential?: string } = {}): Promise<HttpAnswer> {
    return this.send('POST', new URL(url), JSON.stringify(json), init);
  }

  rateLimit(origin?: string, credential?: string): RateLimitSnapshot {
    const b = origin ? this.buckets.get(bucketKey(origin, credential)) : this.buckets.values().next().value;
    const { requests, windowSeconds } = this.options.limit;
    if (!b) return { limit: requests, windowSeconds, remaining: null, resetAt: null, requestsInWindow: 0, usedShare: 0 };
    const since = Date.now() - b.windowSeconds * 1000;
    const inWindow = b.sent.filter((t) => t >= since).length;
    return { limit: b.limit, windowSeconds: b.windowSeconds, remaining: b.remaining, resetAt: b.resetAt ? new Date(b.resetAt).toISOString() : null, requestsInWindow: inWindow, usedShare: Math.round((inWindow / b.limit) * 1000) / 1000 };
  }

  stats() {
    return { ...this.counters };
  }

  async close() {
    this.closing.abort();
    for (const b of this.buckets.values()) if (b.refill) clearInterval(b.refill);
    await Promise.all([...this.buckets.values()].map((b) => b.limiter.stop({ dropWaitingJobs: true }).catch(() => undefined)));
    this.buckets.clear();
  }
}
