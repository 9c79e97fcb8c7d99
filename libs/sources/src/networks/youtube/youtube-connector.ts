import type pg from 'pg';
import { parseJsonPreservingBigInts, type NetworkPage, type YoutubePageMethod } from '@renown/ingestion';
import { RateLimitedError, type HttpAnswer, type PoliteHttpClient } from '../../http/polite-http-client.js';
import { CredentialRefusedError } from '../../credentials/credential-refused.error.js';
import { lastFour } from '../../credentials/network-credentials.js';
import { QuotaExhaustedError, type QuotaLedger } from '../../quota/quota-ledger.js';
import { PageProblem } from '../account-pages.js';
import { MalformedPageError } from '../malformed-page.error.js';
import { DEFAULT_FETCH_LIMITS, type AccountFetch, type Candidate, type FetchLimits, type NetworkConnector, PoliteConnector, type QuarantinedPage, type SeedPage } from '../network-connector.js';

export interface YoutubeConnectorOptions {
  /** The API's base, https://www.googleapis.com/youtube/v3 (YOUTUBE_API_URL). */
  apiUrl: string;
  apiKey: string;
  http: PoliteHttpClient;
  /** Every call reserves its cost here first. */
  ledger: QuotaLedger;
  /**
   * Where channels already imported today are found (social_accounts), so a crawl resumed by another process
   * does not read again a channel its search page already read.
   */
  pool?: pg.Pool;
}

type Json = Record<string, any>;
const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const MAX_RAW = 64 * 1024;
const CHANNEL_ID = /^UC[A-Za-z0-9_-]{22}$/;
const CHANNEL_PARTS = 'snippet,statistics,contentDetails,brandingSettings,topicDetails';
const VIDEO_PARTS = 'snippet,statistics,contentDetails,topicDetails';
/** How long a channel imported from a search page stands for a fresh read of it (hours). */
const KNOWN_CHANNEL_HOURS = 20;

type Resource = 'search' | 'channels' | 'playlistItems' | 'videos' | 'commentThreads';

/** Units reserved up front for one fetch (its worst case), drawn by its calls; what is left is refunded. */
interface Reserved {
  units: number;
  day: string;
}

interface ChannelView {
  id: string;
  handle: string | null;
  title: string | null;
  description: string | null;
  subscribers: number | null;
  uploads: string | null;
}

const channelView = (item: Json): ChannelView => {
  const s = obj(item.snippet) ?? {};
  const stats = obj(item.statistics);
  const subs = stats && stats.hiddenSubscriberCount !== true && /^\d+$/.test(String(stats.subscriberCount ?? '')) ? Number(stats.subscriberCount) : null;
  return {
    id: item.id,
    handle: typeof s.customUrl === 'string' ? s.customUrl.replace(/^@/, '').toLowerCase() : null,
    title: typeof s.title === 'string' ? s.title : null,
    description: typeof s.description === 'string' ? s.description : null,
    subscribers: subs,
    uploads: typeof obj(obj(item.contentDetails)?.relatedPlaylists)?.uploads === 'string' ? item.contentDetails.relatedPlaylists.uploads : null,
  };
};

/** What a ref names: a channel id (UC...), or a handle ('@name'). */
export const isChannelId = (ref: string) => CHANNEL_ID.test(ref);

/**
 * YouTube through the Data API v3 with an API key. Seeds: search.list (type=channel, 50 a page) and one
 * channels.list for the page's channels, kept so fetching them costs no second read. An account: its channel,
 * the uploads playlist (videos of the last `postsSinceDays`, at most `maxPosts`), videos.list in batches of 50,
 * and the comment threads of the `maxEngagedPosts` most viewed videos (commenters are the engagers). Every call
 * reserves its cost in the quota ledger first: search.list from the `search` bucket, the others 1 unit each.
 */
export class YoutubeConnector extends PoliteConnector implements NetworkConnector {
  readonly network = 'youtube' as const;
  private readonly base: string;
  /** Channels read by a search page's channels.list, by id: their item and the page they came in. */
  private readonly seen = new Map<string, { item: Json; page: NetworkPage }>();
  /** Channels this connector has read or is reading (a fetch in flight, an import not yet written): never batched again. */
  private readonly readHere = new Set<string>();

  constructor(private readonly options: YoutubeConnectorOptions) {
    super(options.http, options.apiUrl);
    this.base = options.apiUrl.replace(/\/+$/, '');
  }


  /**
   * GET one list method after reserving its cost. The page, or the API's error for the 4xx a caller handles
   * (commentsDisabled, playlistNotFound...). Spent quota, a refused key and a body that is not JSON throw.
   */
  private async call(resource: Resource, params: Record<string, string | number | undefined>, subject?: NetworkPage['subject'], reserved?: Reserved): Promise<{ page: NetworkPage | null; body: Json | null; error: { code: number; reason: string; message: string } | null; answer: HttpAnswer }> {
    const method = `${resource}.list` as YoutubePageMethod;
    const url = new URL(`${this.base}/${resource}`);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, String(v));
    url.searchParams.set('key', this.options.apiKey);
    const bucket = resource === 'search' ? 'search' : 'units';
    for (let attempt = 1; ; attempt++) {
      if (reserved && bucket === 'units' && reserved.units > 0) reserved.units--;
      else await this.options.ledger.reserve(bucket, 1);
      const answer = await this.options.http.get(url);
      let body: unknown;
      try {
        body = parseJsonPreservingBigInts(answer.text);
      } catch {
        throw new PageProblem(answer.url, `${method} answered HTTP ${answer.status} with a body that is not JSON`, answer.text.slice(0, MAX_RAW));
      }
      const o = obj(body);
      if (!o) throw new PageProblem(answer.url, `${method} answered with JSON that is not an object`, answer.text.slice(0, MAX_RAW));
      if (answer.status < 400) return { page: { network: 'youtube', method, url: answer.url, fetchedAt: new Date().toISOString(), ...(subject ? { subject } : {}), body: o }, body: o, error: null, answer };
      const e = obj(o.error);
      const first = obj(Array.isArray(e?.errors) ? e!.errors[0] : null);
      const reason = String(first?.reason ?? obj(Array.isArray(e?.details) ? e!.details[0] : null)?.reason ?? `HTTP ${answer.status}`);
      const message = String(e?.message ?? first?.message ?? '').replace(/<[^>]+>/g, '');
      if (reason === 'quotaExceeded' || reason === 'dailyLimitExceeded') throw await this.options.ledger.markExhausted(bucket);
      if (['keyInvalid', 'API_KEY_INVALID', 'keyExpired', 'accessNotConfigured'].includes(reason) || /API key|unregistered callers|API has not been used|API .* is disabled/i.test(message)) {
        throw new CredentialRefusedError('youtube', `YouTube refused the API key ${lastFour(this.options.apiKey)}: ${message || reason}. Check YOUTUBE_API_KEY or the key saved in the Sources screen.`);
      }
      if ((reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded') && attempt < 4) {
        await new Promise((r) => setTimeout(r, 1000 * 2 ** (attempt - 1)));
        continue;
      }
      if (reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded') throw new RateLimitedError(url.host, attempt);
      return { page: null, body: o, error: { code: answer.status, reason, message }, answer };
    }
  }

  /** A list answer's items, or the page is not the documented shape. */
  private items(r: { body: Json | null; answer: HttpAnswer }, resource: Resource): Json[] {
    const items = r.body?.items;
    if (items === undefined && resource === 'channels' && obj(r.body?.pageInfo)?.totalResults === 0) return [];
    if (!Array.isArray(items)) throw new PageProblem(r.answer.url, `${resource}.list page without an "items" list`, r.answer.text.slice(0, MAX_RAW));
    return items.filter((i) => obj(i)) as Json[];
  }

  async searchAccounts(term: string, cursor: string | null): Promise<SeedPage> {
    const q = term.replace(/^#/, '').trim();
    const quarantined: QuarantinedPage[] = [];
    try {
      const r = await this.call('search', { part: 'snippet', type: 'channel', q, maxResults: 50, pageToken: cursor ?? undefined });
      if (r.error) throw new PageProblem(r.answer.url, `search.list refused "${q}": ${r.error.reason} ${r.error.message}`.trim(), r.answer.text.slice(0, MAX_RAW));
      const items = this.items(r, 'search');
      const ids = [...new Set(items.map((i) => obj(i.id)?.channelId ?? obj(i.snippet)?.channelId).filter((id): id is string => typeof id === 'string' && CHANNEL_ID.test(id)))];
      const pages = [r.page!];
      const candidates: Candidate[] = [];
      // Channels this connector or another process read today are not read again (they are imported already).
      const imported = await this.importedToday(ids);
      const fresh = ids.filter((id) => !this.seen.has(id) && !this.readHere.has(id) && !imported.has(id));
      for (const id of fresh) this.readHere.add(id);
      for (let k = 0; k < fresh.length; k += 50) {
        const batch = fresh.slice(k, k + 50);
        try {
          const c = await this.call('channels', { part: CHANNEL_PARTS, id: batch.join(','), maxResults: 50 });
          if (c.error) throw new PageProblem(c.answer.url, `channels.list refused: ${c.error.reason} ${c.error.message}`.trim(), c.answer.text.slice(0, MAX_RAW));
          pages.push(c.page!);
          for (const item of this.items(c, 'channels')) if (typeof item.id === 'string' && obj(item.snippet)) this.seen.set(item.id, { item, page: c.page! });
        } catch (err) {
          // The search page is kept either way (its search is spent): the channels stay candidates, each then read on
          // its own (after the quota's reset when it ran out here).
          if (err instanceof QuotaExhaustedError) break;
          if (!(err instanceof PageProblem)) throw err;
          quarantined.push({ url: err.url, reason: err.reason, raw: err.raw });
        }
      }
      for (const id of ids) {
        const known = this.seen.get(id);
        candidates.push({ ref: id, handle: known ? channelView(known.item).handle : null, via: 'search' });
      }
      const next = typeof r.body!.nextPageToken === 'string' && items.length ? r.body!.nextPageToken : null;
      return { pages, candidates, cursor: next, quarantined };
    } catch (err) {
      if (!(err instanceof PageProblem)) throw err;
      return { pages: [], candidates: [], cursor: null, quarantined: [...quarantined, { url: err.url, reason: err.reason, raw: err.raw }] };
    }
  }

  /** Which of these channels were imported from a channels.list in the last hours. */
  private async importedToday(ids: string[]): Promise<Set<string>> {
    if (!this.options.pool || !ids.length) return new Set();
    const { rows } = await this.options.pool.query(
      `SELECT external_id FROM social_accounts WHERE platform = 'youtube' AND external_id = ANY($1::text[]) AND NOT is_stub
         AND details ? 'uploadsPlaylistId' AND metrics_observed_at > now() - make_interval(hours => $2)`,
      [ids, KNOWN_CHANNEL_HOURS],
    );
    return new Set(rows.map((r) => r.external_id as string));
  }

  /** A channel a search page of this crawl imported in the last hours (another process read it): no second read. */
  private async knownChannel(id: string): Promise<ChannelView | null> {
    if (!this.options.pool) return null;
    const { rows } = await this.options.pool.query(
      `SELECT handle, display_name, bio, followers_count::text AS followers, details->>'uploadsPlaylistId' AS uploads FROM social_accounts
       WHERE platform = 'youtube' AND external_id = $1 AND NOT is_stub AND details ? 'uploadsPlaylistId' AND metrics_observed_at > now() - make_interval(hours => $2)`,
      [id, KNOWN_CHANNEL_HOURS],
    );
    const r = rows[0];
    return r ? { id, handle: r.handle, title: r.display_name, description: r.bio, subscribers: r.followers === null ? null : Number(r.followers), uploads: r.uploads } : null;
  }

  /**
   * The channel, its recent videos and their commenters. The fetch's worst case (channel, playlist pages, video
   * batches, comment pages) is reserved before the first call and what it did not use is refunded, so a fetch never
   * stops half read when the day's quota runs out: it does not start (QuotaExhaustedError), and is read whole after
   * the reset.
   */
  async fetchAccount(ref: string, limitsIn: Partial<FetchLimits> = {}): Promise<AccountFetch> {
    const limits = { ...DEFAULT_FETCH_LIMITS, ...limitsIn };
    const byHandle = !isChannelId(ref);
    if (!byHandle) this.readHere.add(ref);
    const cached = byHandle ? undefined : this.seen.get(ref);
    const known = cached || byHandle ? null : await this.knownChannel(ref);
    const batches = Math.ceil(Math.max(0, limits.maxPosts) / 50);
    const worst = (cached || known ? 0 : 1) + 2 * batches + Math.max(0, limits.maxEngagedPosts);
    const { day } = await this.options.ledger.reserve('units', worst);
    const reserved: Reserved = { units: worst, day };
    try {
      return await this.read(ref, limits, cached, known, reserved, batches);
    } finally {
      await this.options.ledger.refund('units', reserved.units, reserved.day);
    }
  }

  private async read(ref: string, limits: FetchLimits, cached: { item: Json; page: NetworkPage } | undefined, known: ChannelView | null, reserved: Reserved, maxPlaylistPages: number): Promise<AccountFetch> {
    const startedAt = new Date().toISOString();
    const pages: NetworkPage[] = [];
    const quarantined: QuarantinedPage[] = [];
    const byHandle = !isChannelId(ref);
    const asked = byHandle ? `@${ref.replace(/^@/, '')}` : ref;

    let channel: ChannelView | null = known;
    if (cached) {
      // One channel of the search page's channels.list: the page as that channel's own answer.
      pages.push({ ...cached.page, body: { ...(cached.page.body as Json), items: [cached.item], pageInfo: { totalResults: 1, resultsPerPage: 1 } } });
      channel = channelView(cached.item);
      this.seen.delete(ref);
    }
    if (!channel) {
      let r;
      try {
        r = await this.call('channels', byHandle ? { part: CHANNEL_PARTS, forHandle: asked } : { part: CHANNEL_PARTS, id: ref }, undefined, reserved);
        if (r.error) throw new PageProblem(r.answer.url, `channels.list answered HTTP ${r.error.code} ${r.error.reason}: ${r.error.message}`, r.answer.text.slice(0, MAX_RAW));
      } catch (err) {
        if (err instanceof PageProblem) throw new MalformedPageError(err.url, err.reason, err.raw);
        throw err;
      }
      let items: Json[];
      try {
        items = this.items(r, 'channels');
      } catch (err) {
        if (err instanceof PageProblem) throw new MalformedPageError(err.url, err.reason, err.raw);
        throw err;
      }
      const item = items.find((i) => typeof i.id === 'string' && CHANNEL_ID.test(i.id));
      if (!item) {
        if (items.length) throw new MalformedPageError(r.answer.url, 'channels.list item without a channel "id" (UC...)', r.answer.text.slice(0, MAX_RAW));
        return { status: 'not-found', externalId: byHandle ? null : ref, handle: byHandle ? asked.slice(1).toLowerCase() : null, message: byHandle ? `${asked} is not a YouTube channel (or it was deleted).` : `There is no YouTube channel ${ref} (it may have been deleted).`, quarantined };
      }
      if (!obj(item.snippet)) throw new MalformedPageError(r.answer.url, 'channels.list item without a "snippet"', r.answer.text.slice(0, MAX_RAW));
      pages.push(r.page!);
      channel = channelView(item);
    }
    const id = channel.id;
    this.readHere.add(id);

    /** One secondary page: its body, or null when skipped (4xx the caller expects) or set aside (not the documented shape). */
    const secondary = async (resource: Resource, params: Record<string, string | number | undefined>, subject: NetworkPage['subject'], allowed: string[]) => {
      try {
        const r = await this.call(resource, params, subject, reserved);
        if (r.error) {
          if (allowed.includes(r.error.reason)) return null;
          throw new PageProblem(r.answer.url, `${resource}.list answered HTTP ${r.error.code} ${r.error.reason}: ${r.error.message}`, r.answer.text.slice(0, MAX_RAW));
        }
        const items = this.items(r, resource);
        pages.push(r.page!);
        return { items, next: typeof r.body!.nextPageToken === 'string' && items.length ? (r.body!.nextPageToken as string) : null };
      } catch (err) {
        if (!(err instanceof PageProblem)) throw err;
        quarantined.push({ url: err.url, reason: err.reason, raw: err.raw });
        return null;
      }
    };

    // The uploads playlist, newest first, until older than the window.
    const since = Date.now() - limits.postsSinceDays * 86_400_000;
    const videoIds: string[] = [];
    if (channel.uploads && limits.maxPosts > 0) {
      let token: string | undefined;
      for (let done = false, read = 0; !done && videoIds.length < limits.maxPosts && read < maxPlaylistPages; read++) {
        const page = await secondary('playlistItems', { part: 'snippet,contentDetails', playlistId: channel.uploads, maxResults: 50, pageToken: token }, { channelId: id }, ['playlistNotFound']);
        if (!page) break;
        for (const item of page.items) {
          const vid = obj(item.contentDetails)?.videoId ?? obj(obj(item.snippet)?.resourceId)?.videoId;
          const at = Date.parse(String(obj(item.contentDetails)?.videoPublishedAt ?? obj(item.snippet)?.publishedAt ?? ''));
          if (typeof vid !== 'string') continue;
          if (!Number.isNaN(at) && at < since) {
            done = true;
            break;
          }
          if (videoIds.length >= limits.maxPosts) break;
          if (!videoIds.includes(vid)) videoIds.push(vid);
        }
        if (!page.next) break;
        token = page.next;
      }
    }

    // The videos themselves, 50 a call.
    const videos: Json[] = [];
    for (let k = 0; k < videoIds.length; k += 50) {
      const page = await secondary('videos', { part: VIDEO_PARTS, id: videoIds.slice(k, k + 50).join(','), maxResults: 50 }, { channelId: id }, []);
      for (const v of page?.items ?? []) if (typeof v.id === 'string' && obj(v.snippet)) videos.push(v);
    }

    // Who comments under the most viewed ones (comments disabled is no error: there is nobody to read).
    const views = (v: Json) => Number(obj(v.statistics)?.viewCount ?? 0);
    const engaged = videos.filter((v) => obj(v.statistics)?.commentCount !== '0').sort((a, b) => views(b) - views(a)).slice(0, limits.maxEngagedPosts);
    const neighbours = new Map<string, Candidate>();
    for (const v of engaged) {
      const page = await secondary('commentThreads', { part: 'snippet', videoId: v.id, maxResults: 100, order: 'relevance', textFormat: 'plainText' }, { channelId: id }, ['commentsDisabled', 'videoNotFound', 'forbidden', 'processingFailure']);
      for (const t of page?.items ?? []) {
        const c = obj(obj(obj(t.snippet)?.topLevelComment)?.snippet);
        const author = obj(c?.authorChannelId)?.value;
        if (typeof author !== 'string' || !CHANNEL_ID.test(author) || author === id || neighbours.has(author)) continue;
        const name = typeof c?.authorDisplayName === 'string' ? c.authorDisplayName : '';
        neighbours.set(author, { ref: author, handle: name.startsWith('@') ? name.slice(1).toLowerCase() : null, via: 'engager' });
      }
    }

    // Every page dated at the channel's read (or the fetch's start when the channel came from the database).
    const at = pages[0]?.method === 'channels.list' ? pages[0].fetchedAt : startedAt;
    return {
      status: 'fetched',
      externalId: id,
      handle: channel.handle ?? id,
      displayName: channel.title,
      followersCount: channel.subscribers,
      pages: pages.map((p) => (p.fetchedAt === at ? p : { ...p, fetchedAt: at })),
      bio: channel.description,
      posts: videos.map((v) => {
        const s = obj(v.snippet) ?? {};
        const text = [s.title, s.description].filter((x) => typeof x === 'string' && x).join('\n\n');
        return { text, hashtags: (Array.isArray(s.tags) ? s.tags : []).filter((t: unknown): t is string => typeof t === 'string').map((t: string) => t.toLowerCase()) };
      }),
      neighbours: [...neighbours.values()],
      quarantined,
    };
  }
}
