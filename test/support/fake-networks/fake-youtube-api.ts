import { createHash } from 'node:crypto';
import { googleError, matchesQuery, startFakeServer, type FakeAnswer, type FakeRequest, type FakeServer, type LoggedRequest } from './fake-network-server.js';
import type { YoutubeChannelRecord, YoutubeCommentRecord, YoutubeVideoRecord, YoutubeWorld } from './youtube-world.js';

/**
 * A local stand-in for the YouTube Data API v3 (https://www.googleapis.com/youtube/v3/...), answering
 * GET /youtube/v3/{search,channels,playlistItems,videos,commentThreads} for a YoutubeWorld in the API's JSON
 * shapes (https://developers.google.com/youtube/v3/docs): `kind` youtube#...ListResponse, `etag`, `pageInfo`,
 * `nextPageToken`, items with snippet / statistics / contentDetails / brandingSettings / topicDetails.
 *
 * What it reproduces from the real service:
 * - An API key in `key`: missing -> 403 forbidden "The request is missing a valid API key."; unknown -> 400
 *   keyInvalid "API key not valid. Please pass a valid API key." (status INVALID_ARGUMENT).
 * - Quota per key and day: search.list spends its own bucket of 100 calls (as NETWORKS.md has it; Google actually
 *   charges search.list 100 units of the shared 10,000), every other list call 1 unit of 10,000, whatever its
 *   answer, once the key is valid; spent -> 403 quotaExceeded (domain youtube.quota). `newDay()` is midnight
 *   Pacific time.
 * - channels.list: `id` (up to 50, comma-separated) or `forHandle` (with or without '@'); an unknown channel is
 *   not an error, just `items: []`. subscriberCount rounded to 3 significant figures; none when
 *   hiddenSubscriberCount. Statistics are decimal strings (viewCount may exceed 2^53).
 * - playlistItems.list on an uploads playlist (UU...), newest first, maxResults up to 50 (default 5), pageToken;
 *   unknown playlist -> 404 playlistNotFound.
 * - videos.list: `id` up to 50; commentThreads.list: `videoId`, maxResults up to 100 (default 20); a video of a
 *   channel with comments disabled -> 403 commentsDisabled; unknown video -> 404 videoNotFound.
 * - Faults (malformed page, 5xx) come from the shared fake server's `inject`.
 */

export interface FakeYoutubeOptions {
  /** Valid API keys (default: 'test-youtube-key'). */
  keys?: string[];
  /** Units per key and day (default 10,000). */
  dailyQuota?: number;
  /** search.list calls per key and day (default 100). */
  searchQuota?: number;
  latencyMs?: number;
}

export interface FakeYoutubeApi extends FakeServer {
  /** `${url}/youtube/v3`: what YOUTUBE_API_URL points at. */
  readonly apiUrl: string;
  /** Midnight Pacific: every key's quota starts again. */
  newDay(): void;
  setQuota(units: number, search?: number): void;
  /** What a key has spent today: { units, search }. */
  used(key: string): { units: number; search: number };
  /** Answered requests of one method (`channels`, `videos`...), status 200 only. */
  calls(method: 'search' | 'channels' | 'playlistItems' | 'videos' | 'commentThreads'): LoggedRequest[];
  /** How many successful channels.list / videos.list calls named each id (by id or handle). */
  reads(kind: 'channel' | 'video'): Map<string, number>;
}

export const FAKE_YOUTUBE_KEY = 'test-youtube-key';

const etag = (v: unknown) => createHash('sha1').update(JSON.stringify(v)).digest('base64url').slice(0, 27);
const round3 = (n: number) => {
  if (n < 1000) return n;
  const digits = Math.floor(Math.log10(n)) + 1;
  const unit = 10 ** (digits - 3);
  return Math.floor(n / unit) * unit;
};
const thumbs = (id: string) => ({ default: { url: `https://yt3.ggpht.example/${id}=s88`, width: 88, height: 88 }, medium: { url: `https://yt3.ggpht.example/${id}=s240`, width: 240, height: 240 } });
const pageToken = (offset: number) => Buffer.from(`CAUQ${offset}`).toString('base64url');
const offsetOf = (token: string | null) => (token ? Number(/^CAUQ(\d+)$/.exec(Buffer.from(token, 'base64url').toString())?.[1] ?? NaN) : 0);

class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly reason: string,
    readonly domain = 'global',
  ) {
    super(message);
  }
}

function listResponse(kind: string, items: unknown[], total: number, perPage: number, next: string | null, extra: Record<string, unknown> = {}) {
  return { kind, etag: etag(items), ...(next ? { nextPageToken: next } : {}), ...extra, pageInfo: { totalResults: total, resultsPerPage: perPage }, items };
}

export function channelResource(c: YoutubeChannelRecord, parts: Set<string>) {
  const r: Record<string, unknown> = { kind: 'youtube#channel', etag: etag(c.id), id: c.id };
  if (parts.has('snippet')) {
    r.snippet = {
      title: c.title,
      description: c.description,
      customUrl: `@${c.handle.toLowerCase()}`,
      publishedAt: c.publishedAt,
      thumbnails: thumbs(c.id),
      ...(c.defaultLanguage ? { defaultLanguage: c.defaultLanguage } : {}),
      localized: { title: c.title, description: c.description },
      ...(c.country ? { country: c.country } : {}),
    };
  }
  if (parts.has('contentDetails')) r.contentDetails = { relatedPlaylists: { likes: '', uploads: c.uploadsPlaylistId } };
  if (parts.has('statistics')) {
    const hidden = c.special === 'hidden-subscribers';
    r.statistics = { viewCount: c.viewCount, ...(hidden ? {} : { subscriberCount: String(round3(c.subscribers)) }), hiddenSubscriberCount: hidden, videoCount: String(c.kind === 'viewer' ? 0 : 14) };
  }
  if (parts.has('topicDetails') && c.topicCategories.length) r.topicDetails = { topicIds: c.topicCategories.map((_, i) => `/m/0${i}k4j`), topicCategories: c.topicCategories };
  if (parts.has('brandingSettings')) r.brandingSettings = { channel: { title: c.title, description: c.description, ...(c.country ? { country: c.country } : {}) }, image: { bannerExternalUrl: `https://yt3.googleusercontent.example/${c.id}` } };
  return r;
}

function videoResource(v: YoutubeVideoRecord, owner: YoutubeChannelRecord, parts: Set<string>) {
  const r: Record<string, unknown> = { kind: 'youtube#video', etag: etag(v.id), id: v.id };
  if (parts.has('snippet')) {
    r.snippet = {
      publishedAt: v.publishedAt, channelId: v.channelId, title: v.title, description: v.description, thumbnails: thumbs(v.id), channelTitle: owner.title,
      tags: v.tags, categoryId: '2', liveBroadcastContent: 'none', defaultLanguage: 'en', localized: { title: v.title, description: v.description },
      ...(v.defaultAudioLanguage ? { defaultAudioLanguage: v.defaultAudioLanguage } : {}),
    };
  }
  if (parts.has('contentDetails')) r.contentDetails = { duration: v.duration, dimension: '2d', definition: 'hd', caption: 'false', licensedContent: true, contentRating: {}, projection: 'rectangular' };
  if (parts.has('statistics')) {
    const disabled = owner.special === 'comments-disabled';
    r.statistics = { viewCount: String(v.viewCount), likeCount: String(v.likeCount), favoriteCount: '0', ...(disabled ? {} : { commentCount: String(v.commentCount) }) };
  }
  if (parts.has('topicDetails') && v.topicCategories.length) r.topicDetails = { topicCategories: v.topicCategories };
  return r;
}

function commentThreadResource(c: YoutubeCommentRecord) {
  const author = c.authorChannelId;
  return {
    kind: 'youtube#commentThread', etag: etag(c.id), id: c.id,
    snippet: {
      channelId: c.channelId, videoId: c.videoId,
      topLevelComment: {
        kind: 'youtube#comment', etag: etag(`${c.id}.c`), id: c.id,
        snippet: {
          channelId: c.channelId, videoId: c.videoId, textDisplay: c.text, textOriginal: c.text, authorDisplayName: c.authorDisplayName,
          authorProfileImageUrl: `https://yt3.ggpht.example/${author}=s48`, authorChannelUrl: `http://www.youtube.com/${c.authorDisplayName}`,
          authorChannelId: { value: author }, canRate: true, viewerRating: 'none', likeCount: c.likeCount, publishedAt: c.publishedAt, updatedAt: c.publishedAt,
        },
      },
      canReply: true, totalReplyCount: 0, isPublic: true,
    },
  };
}

export async function startFakeYoutubeApi(world: YoutubeWorld, options: FakeYoutubeOptions = {}): Promise<FakeYoutubeApi> {
  const keys = new Set(options.keys ?? [FAKE_YOUTUBE_KEY]);
  let quota = { units: options.dailyQuota ?? 10_000, search: options.searchQuota ?? 100 };
  const spent = new Map<string, { units: number; search: number }>();
  const live = world.channels.filter((c) => !c.deleted);
  const channelById = new Map(live.map((c) => [c.id, c]));
  const channelByHandle = new Map(live.map((c) => [c.handle.toLowerCase(), c]));
  const videoById = new Map(world.videos.map((v) => [v.id, v]));
  const uploads = new Map(live.map((c) => [c.uploadsPlaylistId, c]));

  const partsOf = (req: FakeRequest) => {
    const p = req.query.get('part');
    if (!p) throw new ApiError(400, 'No filter selected. Expected one of: forHandle, mine, id, forUsername, managedByMe, categoryId, mySubscribers', 'missingRequiredParameter');
    return new Set(p.split(',').map((s) => s.trim()));
  };
  const maxResults = (req: FakeRequest, dflt: number, max: number) => {
    const raw = req.query.get('maxResults');
    const n = raw === null ? dflt : Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > max) throw new ApiError(400, `Invalid value '${raw}'. Values must be within the range: [0, ${max}]`, 'invalidParameter');
    return n;
  };
  const ids = (req: FakeRequest, name = 'id') => {
    const list = (req.query.get(name) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (list.length > 50) throw new ApiError(400, 'The request specifies an invalid filter parameter.', 'invalidFilters');
    return list;
  };
  const page = <T>(req: FakeRequest, all: T[], dflt: number, max: number) => {
    const n = maxResults(req, dflt, max);
    const from = offsetOf(req.query.get('pageToken'));
    if (!Number.isInteger(from) || from < 0) throw new ApiError(400, 'The request specifies an invalid page token.', 'invalidPageToken');
    const items = all.slice(from, from + n);
    return { items, next: from + n < all.length ? pageToken(from + n) : null };
  };

  const methods: Record<string, (req: FakeRequest) => unknown> = {
    search(req) {
      partsOf(req);
      const q = req.query.get('q') ?? '';
      const type = req.query.get('type') ?? 'video,channel,playlist';
      const results: Record<string, unknown>[] = [];
      if (type.includes('channel')) {
        for (const c of live) {
          if (c.kind === 'viewer' || c.kind === 'graph-car' || !matchesQuery(q, [c.title, c.description])) continue;
          results.push({ kind: 'youtube#searchResult', etag: etag(c.id), id: { kind: 'youtube#channel', channelId: c.id }, snippet: { publishedAt: c.publishedAt, channelId: c.id, title: c.title, description: c.description.slice(0, 160), thumbnails: thumbs(c.id), channelTitle: c.title, liveBroadcastContent: 'none', publishTime: c.publishedAt } });
        }
      }
      if (type.includes('video')) {
        for (const v of world.videos) {
          const owner = channelById.get(v.channelId);
          if (!owner || !matchesQuery(q, [v.title, v.description])) continue;
          results.push({ kind: 'youtube#searchResult', etag: etag(v.id), id: { kind: 'youtube#video', videoId: v.id }, snippet: { publishedAt: v.publishedAt, channelId: v.channelId, title: v.title, description: v.description.slice(0, 160), thumbnails: thumbs(v.id), channelTitle: owner.title, liveBroadcastContent: 'none', publishTime: v.publishedAt } });
        }
      }
      const { items, next } = page(req, results, 5, 50);
      return listResponse('youtube#searchListResponse', items, results.length, items.length, next, { regionCode: req.query.get('regionCode') ?? 'US' });
    },
    channels(req) {
      const parts = partsOf(req);
      const handle = req.query.get('forHandle');
      const found = handle !== null ? [channelByHandle.get(handle.replace(/^@/, '').toLowerCase())] : ids(req).map((id) => channelById.get(id));
      const items = found.filter((c): c is YoutubeChannelRecord => !!c).map((c) => channelResource(c, parts));
      return listResponse('youtube#channelListResponse', items, items.length, 5, null);
    },
    playlistItems(req) {
      const parts = partsOf(req);
      const id = req.query.get('playlistId') ?? '';
      const owner = uploads.get(id);
      if (!owner) throw new ApiError(404, "The playlist identified with the request's <code>playlistId</code> parameter cannot be found.", 'playlistNotFound', 'youtube.playlistItem');
      const { items, next } = page(req, world.videosOf(owner.id), 5, 50);
      const resources = items.map((v, i) => ({
        kind: 'youtube#playlistItem', etag: etag(`${id}.${v.id}`), id: Buffer.from(`${id}.${v.id}`).toString('base64url'),
        ...(parts.has('snippet') ? { snippet: { publishedAt: v.publishedAt, channelId: owner.id, title: v.title, description: v.description, thumbnails: thumbs(v.id), channelTitle: owner.title, playlistId: id, position: i, resourceId: { kind: 'youtube#video', videoId: v.id }, videoOwnerChannelTitle: owner.title, videoOwnerChannelId: owner.id } } : {}),
        ...(parts.has('contentDetails') ? { contentDetails: { videoId: v.id, videoPublishedAt: v.publishedAt } } : {}),
      }));
      return listResponse('youtube#playlistItemListResponse', resources, world.videosOf(owner.id).length, resources.length, next);
    },
    videos(req) {
      const parts = partsOf(req);
      const items = ids(req).map((id) => videoById.get(id)).filter((v): v is YoutubeVideoRecord => !!v && channelById.has(v.channelId)).map((v) => videoResource(v, channelById.get(v.channelId)!, parts));
      return listResponse('youtube#videoListResponse', items, items.length, items.length, null);
    },
    commentThreads(req) {
      partsOf(req);
      const video = videoById.get(req.query.get('videoId') ?? '');
      const owner = video && channelById.get(video.channelId);
      if (!video || !owner) throw new ApiError(404, "The video identified by the <code><a href=\"/youtube/v3/docs/commentThreads/list#videoId\">videoId</a></code> parameter could not be found.", 'videoNotFound', 'youtube.commentThread');
      if (owner.special === 'comments-disabled') throw new ApiError(403, "The video identified by the <code><a href=\"/youtube/v3/docs/commentThreads/list#videoId\">videoId</a></code> parameter has disabled comments.", 'commentsDisabled', 'youtube.commentThread');
      const all = world.comments.filter((c) => c.videoId === video.id).sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt));
      const { items, next } = page(req, all, 20, 100);
      return listResponse('youtube#commentThreadListResponse', items.map(commentThreadResource), all.length, items.length, next);
    },
  };

  const error = (e: ApiError): FakeAnswer => ({ status: e.code, body: googleError(e.code, e.message, e.reason, e.domain) });

  const server = await startFakeServer(
    (req) => {
      const m = /^\/youtube\/v3\/([a-zA-Z]+)$/.exec(req.path);
      const handler = m && methods[m[1]];
      if (!handler) return { status: 404, raw: 'Not Found', contentType: 'text/html' };
      const key = req.query.get('key');
      if (!key) return error(new ApiError(403, 'The request is missing a valid API key.', 'forbidden'));
      if (!keys.has(key)) {
        return { status: 400, body: { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', errors: [{ message: 'API key not valid. Please pass a valid API key.', domain: 'global', reason: 'keyInvalid' }], status: 'INVALID_ARGUMENT' } } };
      }
      const bucket = m![1] === 'search' ? 'search' : 'units';
      const use = spent.get(key) ?? { units: 0, search: 0 };
      spent.set(key, use);
      if (use[bucket] + 1 > quota[bucket]) {
        return error(new ApiError(403, 'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.', 'quotaExceeded', 'youtube.quota'));
      }
      // Every call with a valid key is charged, whatever it answers (as Google does).
      use[bucket] += 1;
      try {
        return { status: 200, body: handler(req) };
      } catch (err) {
        if (err instanceof ApiError) return error(err);
        throw err;
      }
    },
    { network: 'youtube', rateLimit: null, latencyMs: options.latencyMs },
  );

  const answered = (name: string) => server.requests.filter((r) => r.path === `/youtube/v3/${name}` && r.status === 200);
  return Object.assign(server, {
    apiUrl: `${server.url}/youtube/v3`,
    newDay: () => spent.clear(),
    setQuota(units: number, search = quota.search) {
      quota = { units, search };
    },
    used: (key: string) => ({ ...(spent.get(key) ?? { units: 0, search: 0 }) }),
    calls: answered,
    reads(kind: 'channel' | 'video') {
      const out = new Map<string, number>();
      for (const r of answered(kind === 'channel' ? 'channels' : 'videos')) {
        const named = typeof r.query.forHandle === 'string' ? [channelByHandle.get(r.query.forHandle.replace(/^@/, '').toLowerCase())?.id ?? r.query.forHandle] : String(r.query.id ?? '').split(',').filter(Boolean);
        for (const id of named) out.set(id, (out.get(id) ?? 0) + 1);
      }
      return out;
    },
  });
}
