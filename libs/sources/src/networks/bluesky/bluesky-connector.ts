import { parseJsonPreservingBigInts, type BlueskyPageMethod, type NetworkPage } from '@renown/ingestion';
import type { HttpAnswer, PoliteHttpClient } from '../../http/polite-http-client.js';
import { MalformedPageError } from '../malformed-page.error.js';
import { AccountPages, PageProblem } from '../account-pages.js';
import { DEFAULT_FETCH_LIMITS, type AccountFetch, type Candidate, type FetchLimits, type NetworkConnector, PoliteConnector, type QuarantinedPage, type SeedPage } from '../network-connector.js';

export interface BlueskyConnectorOptions {
  /** The AppView answering public reads (https://public.api.bsky.app). */
  appviewUrl: string;
  http: PoliteHttpClient;
  /** With an app password, seeds also come from post search (refused to anonymous callers). */
  appPassword?: { handle: string; password: string; pdsUrl?: string };
}

const OPT_OUT_LABEL = '!no-unauthenticated';
const MAX_RAW = 64 * 1024;

type Json = Record<string, any>;
const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);

/** The account asked not to be shown to logged-out viewers: Renown treats it as "do not crawl". */
export function blueskyOptedOut(view: unknown): boolean {
  const labels = obj(view)?.labels;
  return Array.isArray(labels) && labels.some((l) => l?.val === OPT_OUT_LABEL && !l?.neg);
}

const hashtagsOf = (record: Json | null): string[] => {
  const tags = new Set<string>();
  for (const f of Array.isArray(record?.facets) ? record!.facets : []) {
    for (const feature of Array.isArray(f?.features) ? f.features : []) {
      if (feature?.$type === 'app.bsky.richtext.facet#tag' && typeof feature.tag === 'string') tags.add(feature.tag.toLowerCase());
    }
  }
  for (const t of Array.isArray(record?.tags) ? record!.tags : []) if (typeof t === 'string') tags.add(t.toLowerCase());
  return [...tags];
};

/**
 * Bluesky through the public AppView's XRPC reads (app.bsky.*), which need no account. An account is read by
 * DID (a handle is resolved through getProfile), so a handle change keeps one account. Seeds come from
 * searchActors, and from searchPosts when an app password gives a session (Bluesky asks that post search not be
 * used anonymously as a data API).
 */
export class BlueskyConnector extends PoliteConnector implements NetworkConnector {
  readonly network = 'bluesky' as const;
  private session: { accessJwt: string } | null = null;

  constructor(private readonly options: BlueskyConnectorOptions) {
    super(options.http, options.appviewUrl);
  }


  private xrpcUrl(method: string, params: Record<string, string | number | string[] | undefined>) {
    const url = new URL(`/xrpc/${method}`, this.origin);
    for (const [k, v] of Object.entries(params)) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(one));
    }
    return url;
  }

  /** GET one XRPC method. Returns the page, or the XRPC error for 4xx; a body that isn't JSON is a PageProblem. */
  private async call(method: BlueskyPageMethod | 'com.atproto.identity.resolveHandle', params: Record<string, string | number | string[] | undefined>, auth = false): Promise<{ answer: HttpAnswer; body: Json | null; page: NetworkPage | null; error: { error: string; message: string } | null }> {
    const url = this.xrpcUrl(method, params);
    // A session's token goes as the credential: its own bucket, sent as `Authorization: Bearer`, never in a URL.
    const answer = await this.options.http.get(url, auth && this.session ? { credential: this.session.accessJwt } : {});
    let body: unknown;
    try {
      body = parseJsonPreservingBigInts(answer.text);
    } catch {
      throw new PageProblem(url.toString(), `${method} answered HTTP ${answer.status} with a body that is not JSON`, answer.text.slice(0, MAX_RAW));
    }
    if (answer.status >= 400) {
      const o = obj(body);
      return { answer, body: o, page: null, error: { error: String(o?.error ?? `HTTP ${answer.status}`), message: String(o?.message ?? '') } };
    }
    const o = obj(body);
    if (!o) throw new PageProblem(url.toString(), `${method} answered with JSON that is not an object`, answer.text.slice(0, MAX_RAW));
    const page: NetworkPage = { network: 'bluesky', method: method as BlueskyPageMethod, url: url.toString(), fetchedAt: new Date().toISOString(), body: o };
    return { answer, body: o, page, error: null };
  }

  private async ensureSession(): Promise<boolean> {
    const ap = this.options.appPassword;
    if (!ap) return false;
    if (this.session) return true;
    const pds = new URL(ap.pdsUrl ?? 'https://bsky.social').origin;
    const res = await this.options.http.post(new URL('/xrpc/com.atproto.server.createSession', ap.pdsUrl ? pds : this.origin === 'https://public.api.bsky.app' ? pds : this.origin), { identifier: ap.handle, password: ap.password });
    if (res.status !== 200) throw new Error(`Bluesky refused the app password of ${ap.handle} (HTTP ${res.status}); check BLUESKY_HANDLE and BLUESKY_APP_PASSWORD`);
    const jwt = obj(JSON.parse(res.text))?.accessJwt;
    if (typeof jwt !== 'string') throw new Error('Bluesky createSession answered without an accessJwt');
    this.session = { accessJwt: jwt };
    return true;
  }

  private candidate(view: unknown, via: Candidate['via']): Candidate | null {
    const v = obj(view);
    if (!v || typeof v.did !== 'string') return null;
    return { ref: v.did, handle: typeof v.handle === 'string' && v.handle !== 'handle.invalid' ? v.handle : null, via, optedOut: blueskyOptedOut(v) };
  }

  /** Cursor: `actors:<cursor>` while reading searchActors, then `posts:<cursor>` when a session allows post search. */
  async searchAccounts(term: string, cursor: string | null): Promise<SeedPage> {
    const q = term.replace(/^#/, '').trim();
    const [phase, position] = cursor ? [cursor.slice(0, cursor.indexOf(':')), cursor.slice(cursor.indexOf(':') + 1)] : ['actors', ''];
    const quarantined: QuarantinedPage[] = [];
    try {
      if (phase === 'actors') {
        const r = await this.call('app.bsky.actor.searchActors', { q, limit: 100, cursor: position || undefined });
        if (r.error) throw new PageProblem(r.answer.url, `searchActors refused "${q}": ${r.error.error} ${r.error.message}`.trim(), r.answer.text.slice(0, MAX_RAW));
        const actors = r.body!.actors;
        if (!Array.isArray(actors)) throw new PageProblem(r.answer.url, 'app.bsky.actor.searchActors page without an "actors" list', r.answer.text.slice(0, MAX_RAW));
        const candidates = actors.map((a) => this.candidate(a, 'search')).filter((c): c is Candidate => !!c);
        const next = typeof r.body!.cursor === 'string' && actors.length ? `actors:${r.body!.cursor}` : (await this.canSearchPosts()) ? 'posts:' : null;
        return { pages: [r.page!], candidates, cursor: next, quarantined };
      }
      if (phase === 'posts' && (await this.canSearchPosts())) {
        const r = await this.call('app.bsky.feed.searchPosts', { q, limit: 100, cursor: position || undefined }, true);
        if (r.error) throw new PageProblem(r.answer.url, `searchPosts refused "${q}": ${r.error.error} ${r.error.message}`.trim(), r.answer.text.slice(0, MAX_RAW));
        const posts = r.body!.posts;
        if (!Array.isArray(posts)) throw new PageProblem(r.answer.url, 'app.bsky.feed.searchPosts page without a "posts" list', r.answer.text.slice(0, MAX_RAW));
        const candidates = posts.map((p) => this.candidate(obj(p)?.author, 'post-search')).filter((c): c is Candidate => !!c);
        const more = typeof r.body!.cursor === 'string' && posts.length && Number(position || 0) < 10;
        return { pages: [r.page!], candidates, cursor: more ? `posts:${r.body!.cursor}` : null, quarantined };
      }
      return { pages: [], candidates: [], cursor: null, quarantined };
    } catch (err) {
      if (!(err instanceof PageProblem)) throw err;
      // An unreadable seed page ends that seed; the crawl goes on with the others and the graph.
      return { pages: [], candidates: [], cursor: null, quarantined: [{ url: err.url, reason: err.reason, raw: err.raw }] };
    }
  }

  private async canSearchPosts() {
    return !!this.options.appPassword && (await this.ensureSession().catch(() => false));
  }

  async fetchAccount(ref: string, limitsIn: Partial<FetchLimits> = {}): Promise<AccountFetch> {
    const limits = { ...DEFAULT_FETCH_LIMITS, ...limitsIn };
    let profile;
    try {
      profile = await this.call('app.bsky.actor.getProfile', { actor: ref });
    } catch (err) {
      if (err instanceof PageProblem) throw new MalformedPageError(err.url, err.reason, err.raw);
      throw err;
    }
    if (profile.error) {
      const e = profile.error;
      if (e.error === 'AccountTakedown' || /suspend|takedown|taken down/i.test(e.message)) return { status: 'suspended', externalId: ref.startsWith('did:') ? ref : null, handle: ref.startsWith('did:') ? null : ref, message: `${ref} is suspended on Bluesky.`, quarantined: [] };
      if (profile.answer.status === 400 || profile.answer.status === 404) return { status: 'not-found', externalId: ref.startsWith('did:') ? ref : null, handle: ref.startsWith('did:') ? null : ref, message: `${ref} does not exist on Bluesky (or was deleted).`, quarantined: [] };
      throw new Error(`Bluesky getProfile for ${ref} answered HTTP ${profile.answer.status}: ${e.error} ${e.message}`);
    }
    const p = profile.body!;
    if (typeof p.did !== 'string' || typeof p.handle !== 'string') throw new MalformedPageError(profile.answer.url, 'app.bsky.actor.getProfile page without "did" and "handle"', profile.answer.text.slice(0, MAX_RAW));
    const did: string = p.did;
    const handle: string = p.handle;
    if (blueskyOptedOut(p)) return { status: 'opted-out', externalId: did, handle, message: `@${handle} asked Bluesky not to show their account to logged-out viewers, so Renown does not read it.`, quarantined: [] };

    const fetched = new AccountPages(profile.page!);
    const neighbours = new Map<string, Candidate>();
    const addNeighbour = (view: unknown, via: Candidate['via']) => {
      const c = this.candidate(view, via);
      if (c && c.ref !== did && !neighbours.has(c.ref)) neighbours.set(c.ref, c);
    };
    /** Reads one secondary page; a malformed one is quarantined and the fetch goes on. 4xx (blocked, gone) is skipped. */
    const secondary = (method: BlueskyPageMethod, params: Record<string, string | number | undefined>, listKey: string) =>
      fetched.read(async (): Promise<{ list: any[]; cursor: string | null } | null> => {
        const r = await this.call(method, params);
        if (r.error) return null;
        const list = r.body![listKey];
        if (!Array.isArray(list)) throw new PageProblem(r.answer.url, `${method} page without a "${listKey}" list`, r.answer.text.slice(0, MAX_RAW));
        fetched.keep(r.page!);
        return { list, cursor: typeof r.body!.cursor === 'string' && list.length ? r.body!.cursor : null };
      });

    // Recent posts (own posts, replies and reposts), newest first, until older than the window.
    const since = Date.now() - limits.postsSinceDays * 86_400_000;
    const own: Json[] = [];
    let cursor: string | undefined;
    for (let read = 0; read < limits.maxPosts; ) {
      const page = await secondary('app.bsky.feed.getAuthorFeed', { actor: did, limit: Math.min(100, limits.maxPosts - read), cursor, filter: 'posts_with_replies' }, 'feed');
      if (!page) break;
      let old = false;
      for (const item of page.list) {
        const post = obj(obj(item)?.post);
        if (!post) continue;
        // A repost is dated by when it was reposted; a post by when it was written.
        const reason = obj(obj(item)?.reason);
        const at = Date.parse(String(reason?.indexedAt ?? obj(post.record)?.createdAt ?? post.indexedAt ?? ''));
        if (!Number.isNaN(at) && at < since) {
          old = true;
          continue;
        }
        if (read >= limits.maxPosts) break;
        read++;
        if (obj(post.author)?.did === did && !obj(item)?.reason) own.push(post);
        else if (obj(post.author)) addNeighbour(post.author, 'engager');
      }
      if (old || !page.cursor) break;
      cursor = page.cursor;
    }

    // Who engaged with the most engaged posts.
    const engagement = (post: Json) => Number(post.likeCount ?? 0) + Number(post.repostCount ?? 0) + Number(post.quoteCount ?? 0);
    const engaged = own.filter((post) => engagement(post) > 0).sort((a, b) => engagement(b) - engagement(a)).slice(0, limits.maxEngagedPosts);
    for (const post of engaged) {
      if (Number(post.likeCount ?? 0) > 0) {
        const likes = await secondary('app.bsky.feed.getLikes', { uri: post.uri, limit: 100 }, 'likes');
        for (const like of likes?.list ?? []) addNeighbour(obj(like)?.actor, 'engager');
      }
      if (Number(post.repostCount ?? 0) > 0) {
        const reposts = await secondary('app.bsky.feed.getRepostedBy', { uri: post.uri, limit: 100 }, 'repostedBy');
        for (const view of reposts?.list ?? []) addNeighbour(view, 'engager');
      }
      if (Number(post.quoteCount ?? 0) > 0) {
        const quotes = await secondary('app.bsky.feed.getQuotes', { uri: post.uri, limit: 100 }, 'posts');
        for (const q of quotes?.list ?? []) addNeighbour(obj(q)?.author, 'engager');
      }
    }

    // A sample of the follow graph, both ways.
    for (const [method, key, via] of [
      ['app.bsky.graph.getFollowers', 'followers', 'follower'],
      ['app.bsky.graph.getFollows', 'follows', 'follow'],
    ] as const) {
      let c: string | undefined;
      for (let read = 0; read < limits.maxFollowers; ) {
        const page = await secondary(method, { actor: did, limit: Math.min(100, limits.maxFollowers - read), cursor: c }, key);
        if (!page) break;
        for (const view of page.list) addNeighbour(view, via);
        read += page.list.length;
        if (!page.cursor || !page.list.length) break;
        c = page.cursor;
      }
    }

    return {
      status: 'fetched',
      externalId: did,
      handle,
      displayName: typeof p.displayName === 'string' ? p.displayName : null,
      followersCount: typeof p.followersCount === 'number' ? p.followersCount : null,
      pages: fetched.pages,
      bio: typeof p.description === 'string' ? p.description : null,
      posts: own.map((post) => ({ text: String(obj(post.record)?.text ?? ''), hashtags: hashtagsOf(obj(post.record)) })),
      neighbours: [...neighbours.values()],
      quarantined: fetched.quarantined,
    };
  }
}
