import { createHash } from 'node:crypto';
import { parseJsonPreservingBigInts, type NetworkPage } from '@renown/ingestion';
import type { InstagramCredential } from '../../credentials/network-credentials.js';
import { NetworkUnavailableError, type HttpAnswer, type PoliteHttpClient, type RateLimitSnapshot } from '../../http/polite-http-client.js';
import { AccountPages, PageProblem } from '../account-pages.js';
import { MalformedPageError } from '../malformed-page.error.js';
import { DEFAULT_FETCH_LIMITS, type AccountFetch, type FetchLimits, type NetworkConnector, PoliteConnector, type SeedPage } from '../network-connector.js';

/**
 * Instagram through the Graph API's Business Discovery: the brand's own professional account (its IG user id and a
 * token with instagram_basic, instagram_manage_insights and pages_read_engagement) reads any other business or
 * creator account by username: its profile and its latest media with their like and comment counts. Instagram
 * returns nothing for personal and age-gated accounts, shows no engagers and no follower lists, and has no account
 * search: Instagram accounts come in by look-up and username lists, never by crawl.
 *
 * Business Use Case limits: every answer's `X-Business-Use-Case-Usage` gives call_count, total_cputime and
 * total_time as percentages of the account's allowance. Above `slowAbove` (80%) of any of them requests are spaced
 * out (twice as far apart for every 5 points more); at 100%, or on a throttling error (codes 4, 17, 32, 613,
 * 80002), nothing is sent until `estimated_time_to_regain_access` has passed, and every call until then fails at
 * once with an {@link InstagramUsageLimitError} saying when. That state is shared by every connector of the process
 * for the same Graph host and token, since a look-up builds its own connector.
 */

export interface InstagramConnectorOptions {
  /** The versioned base URL: https://graph.facebook.com/v26.0 (INSTAGRAM_GRAPH_URL). */
  graphUrl: string;
  http: PoliteHttpClient;
  credential: Pick<InstagramCredential, 'accessToken' | 'businessAccountId'>;
  /** Media read per account (default 50): the latest ones, paging with after-cursors when a page holds fewer. */
  mediaLimit?: number;
  /** Usage (percent of any of the three figures) above which requests are spaced out (default 80). */
  slowAbove?: number;
  /** The spacing at `slowAbove`, doubling every 5 points above it (default 2,000 ms; at most 60 s). */
  slowGapMs?: number;
  /** Clock and sleep (tests move time instead of waiting minutes). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** What `X-Business-Use-Case-Usage` said last, the highest figure of each across the business objects it names. */
export interface BusinessUseCaseUsage {
  callCount: number;
  totalCputime: number;
  totalTime: number;
  /** Minutes until calls are allowed again (0 when not throttled). */
  estimatedTimeToRegainAccess: number;
}

/** Graph API error codes that mean "throttled": application, user, page, custom and Instagram BUC limits. */
export const INSTAGRAM_THROTTLE_CODES = new Set([4, 17, 32, 613, 80002]);

const MEDIA_FIELDS = 'id,caption,comments_count,like_count,media_type,media_product_type,permalink,timestamp';
const PROFILE_FIELDS = 'followers_count,follows_count,media_count,biography,name,username,website,profile_picture_url';
const MAX_RAW = 64 * 1024;
/** Why an Instagram look-up cannot start: no brand token and none configured. */
export const INSTAGRAM_NO_CREDENTIAL =
  'Instagram is read through a brand\'s own professional account: paste an Instagram access token and business account id in Sources, or set INSTAGRAM_ACCESS_TOKEN and INSTAGRAM_BUSINESS_ACCOUNT_ID.';

/** Instagram usernames: letters, digits, periods and underscores, at most 30. */
export const INSTAGRAM_USERNAME = /^[a-z0-9._]{1,30}$/;

/** The header's figures, or null when it is absent or unreadable. */
export function parseBusinessUseCaseUsage(header: string | null): BusinessUseCaseUsage | null {
  if (!header) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(header);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? Number(v) : 0);
  let seen = false;
  const out: BusinessUseCaseUsage = { callCount: 0, totalCputime: 0, totalTime: 0, estimatedTimeToRegainAccess: 0 };
  for (const entries of Object.values(parsed as Record<string, unknown>)) {
    for (const e of Array.isArray(entries) ? entries : []) {
      if (!e || typeof e !== 'object') continue;
      const u = e as Record<string, unknown>;
      seen = true;
      out.callCount = Math.max(out.callCount, n(u.call_count));
      out.totalCputime = Math.max(out.totalCputime, n(u.total_cputime));
      out.totalTime = Math.max(out.totalTime, n(u.total_time));
      out.estimatedTimeToRegainAccess = Math.max(out.estimatedTimeToRegainAccess, n(u.estimated_time_to_regain_access));
    }
  }
  return seen ? out : null;
}

const highest = (u: BusinessUseCaseUsage) => Math.max(u.callCount, u.totalCputime, u.totalTime);
const figures = (u: BusinessUseCaseUsage | null) => (u ? `call_count ${u.callCount}%, total_cputime ${u.totalCputime}%, total_time ${u.totalTime}%` : 'a throttling error');

/** Instagram's usage limit is spent: nothing is read until `resumeAt`. A network that is unavailable for now. */
export class InstagramUsageLimitError extends NetworkUnavailableError {
  override name = 'InstagramUsageLimitError';
  constructor(
    host: string,
    readonly resumeAt: Date,
    readonly usage: BusinessUseCaseUsage | null,
    now: number,
  ) {
    super(host, 0, 'usage limit reached');
    const minutes = Math.max(1, Math.ceil((resumeAt.getTime() - now) / 60_000));
    this.message = `Instagram's usage limit for this account is reached (${figures(usage)}), so Renown has stopped reading Instagram until ${resumeAt.toISOString().slice(11, 16)} UTC (in about ${minutes} minute${minutes === 1 ? '' : 's'}), when Instagram says calls are allowed again.`;
  }
}

/** The token or the business account was refused: nothing can be read until the brand fixes its credential. */
export class InstagramCredentialError extends Error {
  override name = 'InstagramCredentialError';
}

interface Pace {
  usage: BusinessUseCaseUsage | null;
  /** Nothing is sent before this (ms), 0 when not blocked. */
  blockedUntil: number;
  /** When the last request was (or is to be) sent. */
  lastAt: number;
}

/** Per Graph host and token (hashed): shared by every connector of the process. */
const paces = new Map<string, Pace>();

/** Forgets the usage every connector of this process has seen (tests). */
export function resetInstagramPacing() {
  paces.clear();
}

interface GraphError {
  message: string;
  code: number | null;
  subcode: number | null;
}

function graphErrorOf(body: unknown): GraphError | null {
  const e = body && typeof body === 'object' ? (body as Record<string, any>).error : null;
  if (!e || typeof e !== 'object') return null;
  const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);
  return { message: typeof e.message === 'string' ? e.message : 'no message', code: num(e.code), subcode: num(e.error_subcode) };
}

type Json = Record<string, any>;
const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);

export class InstagramConnector extends PoliteConnector implements NetworkConnector {
  readonly network = 'instagram' as const;
  private readonly base: string;
  private readonly host: string;
  private readonly pace: Pace;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: InstagramConnectorOptions) {
    super(options.http, options.graphUrl);
    this.host = new URL(options.graphUrl).host;
    this.base = options.graphUrl.replace(/\/+$/, '');
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    const key = `${this.origin} ${createHash('sha256').update(options.credential.accessToken).digest('hex').slice(0, 16)}`;
    let pace = paces.get(key);
    if (!pace) paces.set(key, (pace = { usage: null, blockedUntil: 0, lastAt: 0 }));
    this.pace = pace;
  }

  /** The last usage Instagram reported for this token, and until when it stops us (null: not stopped). */
  usage(): { usage: BusinessUseCaseUsage | null; blockedUntil: Date | null } {
    return { usage: this.pace.usage, blockedUntil: this.pace.blockedUntil > this.now() ? new Date(this.pace.blockedUntil) : null };
  }

  override rateLimit(): RateLimitSnapshot {
    const r = this.options.http.rateLimit(this.origin, this.options.credential.accessToken);
    const buc = this.pace.usage ? highest(this.pace.usage) / 100 : 0;
    return { ...r, usedShare: Math.max(r.usedShare, Math.round(buc * 1000) / 1000), resetAt: this.pace.blockedUntil > this.now() ? new Date(this.pace.blockedUntil).toISOString() : r.resetAt };
  }


  /** Instagram has no account search: a crawl cannot seed from it (crawl starts refuse Instagram before this). */
  async searchAccounts(): Promise<SeedPage> {
    return { pages: [], candidates: [], cursor: null, quarantined: [] };
  }

  /** Waits as long as the usage asks (or fails at once while blocked), then books this request's slot. */
  private async paced() {
    const slowAbove = this.options.slowAbove ?? 80;
    const p = this.pace;
    let now = this.now();
    if (p.blockedUntil > now) throw new InstagramUsageLimitError(this.host, new Date(p.blockedUntil), p.usage, now);
    if (p.blockedUntil) {
      // The wait Instagram asked for is over: the figures it gave then are stale until the next answer.
      p.blockedUntil = 0;
      p.usage = null;
    }
    const level = p.usage ? highest(p.usage) : 0;
    if (level >= slowAbove) {
      const gap = Math.min(60_000, (this.options.slowGapMs ?? 2_000) * 2 ** ((level - slowAbove) / 5));
      const at = Math.max(now, p.lastAt + gap);
      p.lastAt = at;
      if (at > now) await this.sleep(at - now);
      now = this.now();
      if (p.blockedUntil > now) throw new InstagramUsageLimitError(this.host, new Date(p.blockedUntil), p.usage, now);
    } else {
      p.lastAt = Math.max(now, p.lastAt);
    }
  }

  private block(usage: BusinessUseCaseUsage | null) {
    const minutes = Math.max(1, usage?.estimatedTimeToRegainAccess ?? 0);
    this.pace.blockedUntil = Math.max(this.pace.blockedUntil, this.now() + minutes * 60_000);
  }

  /**
   * One Business Discovery call. 2xx: the page; a body that is not JSON or not `{ business_discovery }` is a
   * PageProblem. Graph errors: throttling blocks and throws, a refused token or account throws an
   * InstagramCredentialError, "cannot find user" answers null.
   */
  private async call(username: string, fields: string): Promise<{ page: NetworkPage; body: Json } | null> {
    await this.paced();
    const url = new URL(`${this.base}/${encodeURIComponent(this.options.credential.businessAccountId)}`);
    url.searchParams.set('fields', fields);
    // The token travels as `Authorization: Bearer` (the client adds it for the credential), never in the URL.
    const answer: HttpAnswer = await this.options.http.get(url, { credential: this.options.credential.accessToken });
    const shown = answer.url;
    const usage = parseBusinessUseCaseUsage(answer.headers.get('x-business-use-case-usage'));
    if (usage) {
      this.pace.usage = usage;
      if (highest(usage) >= 100) this.block(usage);
    }
    let body: unknown;
    try {
      body = parseJsonPreservingBigInts(answer.text);
    } catch {
      if (answer.status >= 400) throw new Error(`Instagram answered HTTP ${answer.status} with a body that is not JSON`);
      throw new PageProblem(shown, `business_discovery answered HTTP ${answer.status} with a body that is not JSON`, answer.text.slice(0, MAX_RAW));
    }
    const error = graphErrorOf(body);
    if (answer.status >= 400 || error) {
      const e = error ?? { message: `HTTP ${answer.status}`, code: null, subcode: null };
      if (e.code !== null && INSTAGRAM_THROTTLE_CODES.has(e.code)) {
        this.block(usage);
        throw new InstagramUsageLimitError(this.host, new Date(this.pace.blockedUntil), usage ?? this.pace.usage, this.now());
      }
      if (e.code === 110 || e.subcode === 2207013) return null;
      if (e.code === 190 || e.code === 102) {
        throw new InstagramCredentialError(`Instagram refused the access token (${e.message}). Paste a new token in Sources, or set INSTAGRAM_ACCESS_TOKEN.`);
      }
      if (e.code === 10 || (e.code !== null && e.code >= 200 && e.code < 300)) {
        throw new InstagramCredentialError(`The Instagram token lacks a permission Business Discovery needs (instagram_basic, instagram_manage_insights, pages_read_engagement): ${e.message}`);
      }
      if (e.code === 100 && e.subcode === 33) {
        throw new InstagramCredentialError(`Instagram does not know the business account ${this.options.credential.businessAccountId} for this token: check INSTAGRAM_BUSINESS_ACCOUNT_ID (or the account id given in Sources).`);
      }
      throw new Error(`Instagram refused the request for @${username}: ${e.message}${e.code !== null ? ` (code ${e.code}${e.subcode !== null ? `/${e.subcode}` : ''})` : ''}`);
    }
    const b = obj(body);
    const bd = obj(b?.business_discovery);
    if (!b || !bd || (typeof bd.id !== 'string' && typeof bd.id !== 'number')) throw new PageProblem(shown, 'business_discovery page without a "business_discovery" object with an "id"', answer.text.slice(0, MAX_RAW));
    const page: NetworkPage = { network: 'instagram', method: 'business_discovery', url: shown, fetchedAt: new Date(this.now()).toISOString(), subject: { username }, body };
    return { page, body: bd };
  }

  private static media(bd: Json): { items: Json[]; after: string | null } {
    const media = obj(bd.media);
    const items = Array.isArray(media?.data) ? (media!.data as unknown[]).map(obj).filter((m): m is Json => !!m) : [];
    const after = obj(obj(media?.paging)?.cursors)?.after;
    return { items, after: typeof after === 'string' && after ? after : null };
  }

  async fetchAccount(ref: string, limitsIn: Partial<FetchLimits> = {}): Promise<AccountFetch> {
    const limits = { ...DEFAULT_FETCH_LIMITS, ...limitsIn };
    const username = ref.trim().replace(/^@/, '').toLowerCase();
    const wanted = Math.max(1, Math.min(this.options.mediaLimit ?? 50, limits.maxPosts));
    let first: Awaited<ReturnType<InstagramConnector['call']>>;
    try {
      first = await this.call(username, `business_discovery.username(${username}){${PROFILE_FIELDS},media.limit(${wanted}){${MEDIA_FIELDS}}}`);
    } catch (err) {
      if (err instanceof PageProblem) throw new MalformedPageError(err.url, err.reason, err.raw);
      throw err;
    }
    if (!first) {
      return {
        status: 'not-found',
        externalId: null,
        handle: username,
        message: `Instagram does not share @${username}: only business and creator accounts can be read (not personal or age-gated ones), or the username does not exist.`,
        quarantined: [],
      };
    }
    const bd = first.body;
    const fetched = new AccountPages(first.page);
    const media: Json[] = [];
    let { items, after } = InstagramConnector.media(bd);
    media.push(...items.slice(0, wanted));
    // Fewer than asked on a page: go on with its after-cursor until enough or the list ends.
    while (media.length < wanted && after && items.length) {
      const cursor: string = after;
      const next = await fetched.read(async () => {
        const r = await this.call(username, `business_discovery.username(${username}){username,media.after(${cursor}).limit(${wanted - media.length}){${MEDIA_FIELDS}}}`);
        if (!r) return null;
        fetched.keep(r.page);
        return InstagramConnector.media(r.body);
      });
      if (!next) break;
      ({ items, after } = next);
      media.push(...items.slice(0, wanted - media.length));
    }

    const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    return {
      status: 'fetched',
      externalId: String(bd.id),
      handle: typeof bd.username === 'string' ? bd.username.toLowerCase() : username,
      displayName: typeof bd.name === 'string' && bd.name ? bd.name : null,
      followersCount: count(bd.followers_count),
      pages: fetched.pages,
      bio: typeof bd.biography === 'string' ? bd.biography : null,
      posts: media.map((m) => ({
        text: text(m.caption),
        hashtags: [...new Set([...text(m.caption).matchAll(/(?:^|\s)#([\p{L}\p{M}\p{N}_]*\p{L}[\p{L}\p{M}\p{N}_]*)/gu)].map((x) => x[1].toLowerCase()))],
      })),
      neighbours: [],
      quarantined: fetched.quarantined,
    };
  }
}
