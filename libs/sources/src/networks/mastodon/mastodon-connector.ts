import { parseJsonPreservingBigInts, type MastodonPageMethod, type NetworkPage } from '@renown/ingestion';
import { fullAcct, htmlToText } from '@renown/ingestion/formats/mastodon.parser.js';
import { NetworkUnavailableError, RateLimitedError, type HttpAnswer, type PoliteHttpClient } from '../../http/polite-http-client.js';
import { MalformedPageError } from '../malformed-page.error.js';
import { AccountPages, PageProblem } from '../account-pages.js';
import { DEFAULT_FETCH_LIMITS, type AccountFetch, type Candidate, type FetchLimits, type NetworkConnector, PoliteConnector, type QuarantinedPage, type SeedPage } from '../network-connector.js';

export interface MastodonConnectorOptions {
  /** The instance answering (https://mastodon.social). */
  instanceUrl: string;
  http: PoliteHttpClient;
  /** With a token, account search pages past its first page (`offset` is refused to anonymous callers). */
  accessToken?: string;
  /**
   * Where the home instance of a remote account's domain answers (`https://fosstodon.org` for fosstodon.org), or
   * null to read remote accounts through this instance. The home instance is the truth: this instance's copy of a
   * remote account has counts as old as its last federation, and misses posts and likes it never received.
   */
  homeInstanceOf?: (domain: string) => string | null;
  /** The domain of this instance's accounts, when it differs from the URL's host (a test's loopback server). */
  accountDomain?: string;
}

const MAX_RAW = 64 * 1024;
/** Mastodon's maximum `limit` for statuses and search (twice the default of 20). */
const STATUS_PAGE = 40;
/** Maximum `limit` for lists of accounts (twice the default of 40). */
const ACCOUNT_PAGE = 80;
/** Pages of a tag timeline read per seed. */
const MAX_TAG_PAGES = 5;

type Json = Record<string, any>;
const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const isAccount = (v: unknown): v is Json => {
  const o = obj(v);
  return !!o && typeof o.id === 'string' && typeof o.acct === 'string' && typeof o.username === 'string';
};

/** The account asked not to be indexed (`noindex`, local accounts only) or not to be discoverable. */
export function mastodonOptedOut(account: unknown): boolean {
  const a = obj(account);
  return !!a && (a.noindex === true || a.discoverable === false);
}

/** The `max_id` of a `Link: <...>; rel="next"` header, or null when there is no next page. */
export function nextMaxId(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (!m || !m[2].split(/\s+/).includes('next')) continue;
    try {
      return new URL(m[1]).searchParams.get('max_id');
    } catch {
      return null;
    }
  }
  return null;
}

type SearchCursor = { phase: 'accounts'; offset: number } | { phase: 'tag'; maxId: string | null; page: number };

interface Answer {
  answer: HttpAnswer;
  url: string;
  body: unknown;
  page: NetworkPage | null;
}

/**
 * One Mastodon instance through its public REST API (/api/v1, /api/v2). Accounts are keyed by their full acct
 * (`user@host`, lower case), since ids are local to the instance that answered. Seeds come from account search,
 * then the hashtag timeline for single-word terms. Without a token, search reads its first page only: Mastodon
 * answers 401 to `offset` for anonymous callers.
 */
export class MastodonConnector extends PoliteConnector implements NetworkConnector {
  readonly network = 'mastodon' as const;
  private readonly host: string;

  constructor(private readonly options: MastodonConnectorOptions) {
    super(options.http, options.instanceUrl);
    this.host = (options.accountDomain ?? new URL(options.instanceUrl).host).toLowerCase();
  }

  private readonly homes = new Map<string, MastodonConnector | null>();

  /** A connector for the account's home instance (same polite client, so each host keeps its own limit; no token). */
  private homeOf(acct: string): MastodonConnector | null {
    const domain = acct.split('@')[1];
    if (!domain || domain === this.host || !this.options.homeInstanceOf) return null;
    if (!this.homes.has(domain)) {
      const url = this.options.homeInstanceOf(domain);
      this.homes.set(domain, url && new URL(url).origin !== this.origin ? new MastodonConnector({ instanceUrl: url, http: this.options.http, accountDomain: domain }) : null);
    }
    return this.homes.get(domain)!;
  }

  override rateLimit() {
    return this.options.http.rateLimit(this.origin, this.options.accessToken);
  }


  private apiUrl(path: string, params: Record<string, string | number | undefined>) {
    const url = new URL(path, this.origin);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }

  /**
   * GET one endpoint. 2xx: the parsed body and its page envelope (a body that is not JSON is a PageProblem).
   * 4xx: the answer with `page: null` (the body parsed if it can be). 5xx, 429 and network errors throw from the client.
   */
  private async call(method: MastodonPageMethod, path: string, params: Record<string, string | number | undefined>, subject?: NetworkPage['subject']): Promise<Answer> {
    const url = this.apiUrl(path, params);
    const token = this.options.accessToken;
    const answer = await this.options.http.get(url, token ? { headers: { authorization: `Bearer ${token}` }, credential: token } : {});
    const href = url.toString();
    let body: unknown;
    try {
      body = parseJsonPreservingBigInts(answer.text);
    } catch {
      if (answer.status >= 400) return { answer, url: href, body: null, page: null };
      throw new PageProblem(href, `${method} answered HTTP ${answer.status} with a body that is not JSON`, answer.text.slice(0, MAX_RAW));
    }
    if (answer.status >= 400) return { answer, url: href, body, page: null };
    const page: NetworkPage = { network: 'mastodon', method, url: href, fetchedAt: new Date().toISOString(), ...(subject ? { subject } : {}), body };
    return { answer, url: href, body, page };
  }

  private candidate(account: unknown, via: Candidate['via']): Candidate | null {
    if (!isAccount(account)) return null;
    const ref = fullAcct(account.acct, account.url);
    if (!ref) return null;
    return { ref, handle: ref, via, optedOut: mastodonOptedOut(account) };
  }

  private static tagOf(term: string): string | null {
    const t = term.trim().replace(/^#/, '');
    return /^[\p{L}\p{N}_]+$/u.test(t) ? t.toLowerCase() : null;
  }

  private static readCursor(cursor: string | null): SearchCursor {
    if (!cursor) return { phase: 'accounts', offset: 0 };
    try {
      const c = JSON.parse(cursor) as SearchCursor;
      if (c?.phase === 'accounts' && Number.isInteger(c.offset)) return c;
      if (c?.phase === 'tag' && Number.isInteger(c.page)) return { phase: 'tag', maxId: typeof c.maxId === 'string' ? c.maxId : null, page: c.page };
    } catch {
      // fall through
    }
    return { phase: 'accounts', offset: 0 };
  }

  /**
   * Cursor: JSON `{ phase: 'accounts', offset }` while reading account search (offset > 0 only with a token),
   * then `{ phase: 'tag', maxId, page }` through the tag timeline (single-word terms, at most 5 pages).
   */
  async searchAccounts(term: string, cursor: string | null): Promise<SeedPage> {
    const q = term.trim().replace(/^#/, '');
    const tag = MastodonConnector.tagOf(term);
    const position = MastodonConnector.readCursor(cursor);
    const firstTag = tag ? JSON.stringify({ phase: 'tag', maxId: null, page: 0 }) : null;
    const quarantined: QuarantinedPage[] = [];

    if (position.phase === 'accounts') {
      const signedIn = !!this.options.accessToken;
      try {
        const r = await this.call('search', '/api/v2/search', { q, type: 'accounts', limit: STATUS_PAGE, offset: signedIn && position.offset > 0 ? position.offset : undefined });
        if (!r.page) {
          const message = String(obj(r.body)?.error ?? '');
          quarantined.push({ url: r.url, reason: `search refused "${q}": HTTP ${r.answer.status}${message ? ` ${message}` : ''}`, raw: r.answer.text.slice(0, MAX_RAW) });
          return { pages: [], candidates: [], cursor: firstTag, quarantined };
        }
        const accounts = obj(r.body)?.accounts;
        if (!Array.isArray(accounts)) throw new PageProblem(r.url, 'search page without an "accounts" list', r.answer.text.slice(0, MAX_RAW));
        const candidates = accounts.map((a) => this.candidate(a, 'search')).filter((c): c is Candidate => !!c);
        const more = signedIn && accounts.length >= STATUS_PAGE;
        return { pages: [r.page], candidates, cursor: more ? JSON.stringify({ phase: 'accounts', offset: position.offset + accounts.length }) : firstTag, quarantined };
      } catch (err) {
        if (!(err instanceof PageProblem)) throw err;
        // An unreadable page ends account search for this seed; the tag timeline may still answer.
        return { pages: [], candidates: [], cursor: firstTag, quarantined: [{ url: err.url, reason: err.reason, raw: err.raw }] };
      }
    }

    if (!tag || position.page >= MAX_TAG_PAGES) return { pages: [], candidates: [], cursor: null, quarantined };
    try {
      const r = await this.call('timelines.tag', `/api/v1/timelines/tag/${encodeURIComponent(tag)}`, { limit: STATUS_PAGE, max_id: position.maxId ?? undefined });
      // Some instances require a token for public timelines: the seed ends there.
      if (!r.page) return { pages: [], candidates: [], cursor: null, quarantined };
      if (!Array.isArray(r.body)) throw new PageProblem(r.url, 'timelines.tag page that is not a list of statuses', r.answer.text.slice(0, MAX_RAW));
      const seen = new Set<string>();
      const candidates: Candidate[] = [];
      for (const status of r.body) {
        const c = this.candidate(obj(status)?.account, 'tag');
        if (c && !seen.has(c.ref)) {
          seen.add(c.ref);
          candidates.push(c);
        }
      }
      const maxId = r.body.length ? nextMaxId(r.answer.headers.get('link')) : null;
      const next = maxId && position.page + 1 < MAX_TAG_PAGES ? JSON.stringify({ phase: 'tag', maxId, page: position.page + 1 }) : null;
      return { pages: [r.page], candidates, cursor: next, quarantined };
    } catch (err) {
      if (!(err instanceof PageProblem)) throw err;
      return { pages: [], candidates: [], cursor: null, quarantined: [{ url: err.url, reason: err.reason, raw: err.raw }] };
    }
  }

  async fetchAccount(ref: string, limitsIn: Partial<FetchLimits> = {}): Promise<AccountFetch> {
    const limits = { ...DEFAULT_FETCH_LIMITS, ...limitsIn };
    const asked = ref.trim().replace(/^@/, '').toLowerCase();
    const [user, host] = asked.split('@');
    // The instance's own accounts are looked up by username; others by user@host.
    const lookupAcct = !host || host === this.host ? user : asked;
    const acctAsked = host ? asked : `${user}@${this.host}`;

    let lookup: Answer;
    try {
      lookup = await this.call('accounts.lookup', '/api/v1/accounts/lookup', { acct: lookupAcct });
    } catch (err) {
      if (err instanceof PageProblem) throw new MalformedPageError(err.url, err.reason, err.raw);
      throw err;
    }
    if (!lookup.page) {
      if (lookup.answer.status === 404 || lookup.answer.status === 410) {
        return { status: 'not-found', externalId: acctAsked, handle: acctAsked, message: `@${acctAsked} does not exist (or was deleted) on ${this.host}`, quarantined: [] };
      }
      const message = String(obj(lookup.body)?.error ?? '');
      throw new Error(`Mastodon lookup of @${acctAsked} on ${this.host} answered HTTP ${lookup.answer.status}${message ? `: ${message}` : ''}`);
    }
    const account = lookup.body;
    if (!isAccount(account)) throw new MalformedPageError(lookup.url, 'accounts.lookup answered with JSON that is not an Account', lookup.answer.text.slice(0, MAX_RAW));
    const acct = fullAcct(account.acct, account.url) ?? acctAsked;
    if (account.suspended === true) return { status: 'suspended', externalId: acct, handle: acct, message: `@${acct} is suspended on ${this.host}`, quarantined: [] };
    if (mastodonOptedOut(account)) {
      const how = account.noindex === true ? 'asked search engines not to index their profile (noindex)' : 'turned off discoverability';
      return { status: 'opted-out', externalId: acct, handle: acct, message: `@${acct} opted out of being indexed (they ${how}), so Renown does not read it.`, quarantined: [] };
    }

    const home = this.homeOf(acct);
    if (home) {
      try {
        const fromHome = await home.fetchAccount(acct, limitsIn);
        if (fromHome.status !== 'not-found') return fromHome; // fetched, suspended or opted out: the home instance knows best
      } catch (err) {
        if (!(err instanceof NetworkUnavailableError || err instanceof RateLimitedError || err instanceof MalformedPageError)) throw err;
      }
      // The home instance did not answer, refused us, or does not know the account: this instance's copy it is.
    }

    const id: string = account.id;
    const fetched = new AccountPages(lookup.page);
    const neighbours = new Map<string, Candidate>();
    const addNeighbour = (a: unknown, via: Candidate['via']) => {
      const c = this.candidate(a, via);
      if (c && c.ref !== acct && !neighbours.has(c.ref)) neighbours.set(c.ref, c);
    };
    /** One secondary page that must be a JSON list: a malformed one is quarantined, a 4xx skipped; the fetch goes on. */
    const list = (method: MastodonPageMethod, path: string, params: Record<string, string | number | undefined>, subject?: NetworkPage['subject']) =>
      fetched.read(async (): Promise<{ items: unknown[]; maxId: string | null } | null> => {
        const r = await this.call(method, path, params, subject);
        if (!r.page) return null;
        if (!Array.isArray(r.body)) throw new PageProblem(r.url, `${method} page that is not a list`, r.answer.text.slice(0, MAX_RAW));
        fetched.keep(r.page);
        return { items: r.body, maxId: r.body.length ? nextMaxId(r.answer.headers.get('link')) : null };
      });

    // Recent statuses (own and boosts), newest first, until older than the window or enough.
    const since = Date.now() - limits.postsSinceDays * 86_400_000;
    const own: Json[] = [];
    let maxId: string | null = null;
    for (let read = 0; read < limits.maxPosts; ) {
      const page = await list('accounts.statuses', `/api/v1/accounts/${id}/statuses`, { limit: Math.min(STATUS_PAGE, limits.maxPosts - read), max_id: maxId ?? undefined });
      if (!page) break;
      let old = false;
      for (const item of page.items) {
        const s = obj(item);
        if (!s) continue;
        const at = Date.parse(String(s.created_at ?? ''));
        if (!Number.isNaN(at) && at < since) {
          old = true;
          continue;
        }
        if (read >= limits.maxPosts) break;
        read++;
        if (!s.reblog) own.push(s);
      }
      if (old || !page.maxId) break;
      maxId = page.maxId;
    }

    // Who favourited and boosted the most engaged own statuses.
    const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : 0);
    const engagement = (s: Json) => count(s.favourites_count) + count(s.reblogs_count);
    const engaged = own
      .filter((s) => typeof s.id === 'string' && engagement(s) > 0)
      .sort((a, b) => engagement(b) - engagement(a))
      .slice(0, limits.maxEngagedPosts);
    for (const s of engaged) {
      const subject = { statusUri: String(s.uri ?? ''), authorAcct: acct };
      if (count(s.favourites_count) > 0) {
        const favs = await list('statuses.favourited_by', `/api/v1/statuses/${s.id}/favourited_by`, { limit: ACCOUNT_PAGE }, subject);
        for (const a of favs?.items ?? []) addNeighbour(a, 'engager');
      }
      if (count(s.reblogs_count) > 0) {
        const boosts = await list('statuses.reblogged_by', `/api/v1/statuses/${s.id}/reblogged_by`, { limit: ACCOUNT_PAGE }, subject);
        for (const a of boosts?.items ?? []) addNeighbour(a, 'engager');
      }
    }

    // A sample of the follow graph, both ways (hidden lists answer 401/403 or an empty list: skipped).
    for (const [method, path, via] of [
      ['accounts.followers', 'followers', 'follower'],
      ['accounts.following', 'following', 'follow'],
    ] as const) {
      let cursor: string | null = null;
      for (let read = 0; read < limits.maxFollowers; ) {
        const page = await list(method, `/api/v1/accounts/${id}/${path}`, { limit: Math.min(ACCOUNT_PAGE, limits.maxFollowers - read), max_id: cursor ?? undefined }, { acct });
        if (!page) break;
        for (const a of page.items.slice(0, limits.maxFollowers - read)) addNeighbour(a, via);
        read += page.items.length;
        if (!page.maxId || !page.items.length) break;
        cursor = page.maxId;
      }
    }

    return {
      status: 'fetched',
      externalId: acct,
      handle: acct,
      displayName: typeof account.display_name === 'string' && account.display_name ? account.display_name : null,
      followersCount: typeof account.followers_count === 'number' ? account.followers_count : typeof account.followers_count === 'string' && /^\d+$/.test(account.followers_count) ? Number(account.followers_count) : null,
      pages: fetched.pages,
      bio: htmlToText(account.note),
      posts: own.map((s) => ({
        text: htmlToText(s.content) ?? '',
        hashtags: [...new Set((Array.isArray(s.tags) ? s.tags : []).map((t: unknown) => obj(t)?.name).filter((n: unknown): n is string => typeof n === 'string').map((n: string) => n.toLowerCase()))],
      })),
      neighbours: [...neighbours.values()],
      quarantined: fetched.quarantined,
    };
  }
}
