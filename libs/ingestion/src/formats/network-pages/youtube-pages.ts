import type { AccountObservation, Platform } from '../../model/graph-observation.js';
import { arr, count, hashtag, isoTime, obj, str, uniq } from '../field-readers.js';
import { list, refuse, reject, tagsInText, urlsInText, type Page } from './page-reading.js';

/**
 * YouTube Data API v3 answers (the crawler's `network-pages` records): channels are accounts keyed by channel id
 * (UC...), videos are posts keyed by video id, comment threads are replies from the commenter's channel to the
 * video's channel. Counts are the API's decimal strings and stay strings. Each list answer must be the documented
 * `youtube#...ListResponse` with an `items` list, else the page is refused; a bad item is set aside on its own.
 */

const YT: Platform = 'youtube';
const CHANNEL_ID = /^UC[A-Za-z0-9_-]{22}$/;
const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;

const KINDS: Record<string, string> = {
  'search.list': 'youtube#searchListResponse',
  'channels.list': 'youtube#channelListResponse',
  'playlistItems.list': 'youtube#playlistItemListResponse',
  'videos.list': 'youtube#videoListResponse',
  'commentThreads.list': 'youtube#commentThreadListResponse',
};

/** A YouTube Short is at most a minute long (as Renown counts them). */
export const SHORT_MAX_SECONDS = 60;

const channelId = (v: unknown) => {
  const s = str(v);
  return s && CHANNEL_ID.test(s) ? s : null;
};
const videoId = (v: unknown) => {
  const s = str(v);
  return s && VIDEO_ID.test(s) ? s : null;
};

/** ISO 8601 durations as videos.list gives them (PT14M3S, P1DT2H, PT45S); null when unreadable. */
export function durationSeconds(v: unknown): number | null {
  const m = typeof v === 'string' ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(v) : null;
  if (!m || v === 'P' || v === 'PT') return null;
  return Number(m[1] ?? 0) * 86_400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Math.round(Number(m[4] ?? 0));
}

/** `https://en.wikipedia.org/wiki/Sports_car` -> `Sports car`. */
export function wikipediaTitle(url: unknown): string | null {
  const s = str(url);
  const m = s ? /\/wiki\/([^?#]+)$/.exec(s) : null;
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]).replace(/_/g, ' ');
  } catch {
    return m[1].replace(/_/g, ' ');
  }
}

/** A YouTube handle as Renown keeps it: customUrl without '@', lower case. */
const handleOf = (customUrl: unknown) => {
  const s = str(customUrl);
  return s ? s.replace(/^@/, '').toLowerCase() : null;
};

const stubChannel = (id: string, extra: Partial<AccountObservation> = {}): AccountObservation => ({ platform: YT, externalId: id, stub: true, ...extra });

function addChannel(page: Page, item: unknown) {
  const c = obj(item);
  const id = channelId(c?.id);
  const snippet = obj(c?.snippet);
  if (!c || !id || !snippet) {
    reject(page, item, 'is not a channel with an "id" (UC...) and a "snippet"');
    return;
  }
  const stats = obj(c.statistics);
  const hidden = stats?.hiddenSubscriberCount === true;
  const bio = str(snippet.description);
  const uploads = str(obj(obj(c.contentDetails)?.relatedPlaylists)?.uploads);
  const topics = arr(obj(c.topicDetails)?.topicCategories).map(str).filter((t): t is string => !!t);
  const country = str(snippet.country) ?? str(obj(obj(c.brandingSettings)?.channel)?.country);
  page.items.accounts.push({
    platform: YT,
    externalId: id,
    stub: false,
    handle: handleOf(snippet.customUrl),
    displayName: str(snippet.title),
    bio,
    links: urlsInText(bio),
    language: str(snippet.defaultLanguage),
    location: country,
    createdAt: isoTime(snippet.publishedAt),
    followersCount: stats && !hidden ? count(stats.subscriberCount) : null,
    postsCount: stats ? count(stats.videoCount) : null,
    details: {
      viewCount: stats ? count(stats.viewCount) : null,
      country,
      topicCategories: topics,
      hiddenSubscriberCount: stats ? hidden : null,
      uploadsPlaylistId: uploads,
    },
    observedAt: page.fetchedAt,
  });
}

function addSearchResult(page: Page, item: unknown) {
  const r = obj(item);
  const idKind = str(obj(r?.id)?.kind);
  const snippet = obj(r?.snippet);
  const channel = channelId(obj(r?.id)?.channelId) ?? channelId(snippet?.channelId);
  if (!r || !channel || (idKind !== 'youtube#channel' && idKind !== 'youtube#video' && idKind !== 'youtube#playlist')) {
    reject(page, item, 'is not a search result naming a channel (id.kind, snippet.channelId)');
    return;
  }
  page.items.accounts.push(stubChannel(channel, { displayName: str(snippet?.channelTitle) ?? (idKind === 'youtube#channel' ? str(snippet?.title) : null) }));
  const video = idKind === 'youtube#video' ? videoId(obj(r.id)?.videoId) : null;
  if (video) page.items.posts.push({ platform: YT, externalId: video, stub: true, authorExternalId: channel });
}

function addPlaylistItem(page: Page, item: unknown) {
  const p = obj(item);
  const snippet = obj(p?.snippet);
  const video = videoId(obj(p?.contentDetails)?.videoId) ?? videoId(obj(snippet?.resourceId)?.videoId);
  const owner = channelId(snippet?.videoOwnerChannelId) ?? channelId(snippet?.channelId) ?? channelId(page.subject?.channelId);
  if (!p || !video || !owner) {
    reject(page, item, 'is not a playlist item with a video id and its channel');
    return;
  }
  page.items.accounts.push(stubChannel(owner));
  page.items.posts.push({ platform: YT, externalId: video, stub: true, authorExternalId: owner });
}

function addVideo(page: Page, item: unknown) {
  const v = obj(item);
  const id = videoId(v?.id);
  const snippet = obj(v?.snippet);
  const owner = channelId(snippet?.channelId);
  if (!v || !id || !snippet || !owner) {
    reject(page, item, 'is not a video with an "id" and a "snippet" naming its channel');
    return;
  }
  const stats = obj(v.statistics);
  const title = str(snippet.title) ?? '';
  const description = str(snippet.description);
  const text = description ? `${title}\n\n${description}` : title;
  const seconds = durationSeconds(obj(v.contentDetails)?.duration);
  const topics = arr(obj(v.topicDetails)?.topicCategories).map(wikipediaTitle).filter((t): t is string => !!t);
  const annotations: unknown[] = uniq(topics).map((name) => ({ domain: { id: 'youtube-topic', name: 'YouTube topic' }, entity: { name } }));
  annotations.push({ media: { kind: seconds !== null && seconds <= SHORT_MAX_SECONDS ? 'short' : 'video', durationSeconds: seconds, title } });
  page.items.accounts.push(stubChannel(owner, { displayName: str(snippet.channelTitle) }));
  page.items.posts.push({
    platform: YT,
    externalId: id,
    stub: false,
    authorExternalId: owner,
    postedAt: isoTime(snippet.publishedAt),
    text,
    language: str(snippet.defaultAudioLanguage) ?? str(snippet.defaultLanguage),
    hashtags: uniq([...arr(snippet.tags).map(hashtag), ...tagsInText(text)]),
    urls: urlsInText(description),
    likeCount: stats ? count(stats.likeCount) : null,
    replyCount: stats ? count(stats.commentCount) : null,
    impressionCount: stats ? count(stats.viewCount) : null,
    annotations,
    observedAt: page.fetchedAt,
  });
}

function addCommentThread(page: Page, item: unknown) {
  const t = obj(item);
  const snippet = obj(t?.snippet);
  const comment = obj(obj(snippet?.topLevelComment)?.snippet);
  const video = videoId(snippet?.videoId) ?? videoId(comment?.videoId);
  const owner = channelId(snippet?.channelId) ?? channelId(comment?.channelId) ?? channelId(page.subject?.channelId);
  const author = channelId(obj(comment?.authorChannelId)?.value);
  if (!t || !comment || !video || !owner || !author) {
    reject(page, item, 'is not a comment thread with a video, its channel and the comment author\'s channel (authorChannelId.value)');
    return;
  }
  page.items.posts.push({ platform: YT, externalId: video, stub: true, authorExternalId: owner });
  page.items.accounts.push(stubChannel(owner));
  if (author === owner) {
    // The channel answering under its own video is not someone engaging with it.
    page.items.skipped++;
    return;
  }
  const name = str(comment.authorDisplayName);
  page.items.accounts.push(stubChannel(author, { handle: name?.startsWith('@') ? handleOf(name) : null, displayName: name }));
  page.items.interactions.push({ platform: YT, type: 'reply', actorExternalId: author, targetExternalId: owner, postExternalId: video, occurredAt: isoTime(comment.publishedAt), sourceRef: str(t.id) });
}

const READERS: Record<string, (page: Page, item: unknown) => void> = {
  'search.list': addSearchResult,
  'channels.list': addChannel,
  'playlistItems.list': addPlaylistItem,
  'videos.list': addVideo,
  'commentThreads.list': addCommentThread,
};

export function parseYoutubePage(page: Page): void {
  const body = obj(page.body);
  if (!body) refuse(page, 'is not a YouTube list answer (a JSON object)');
  if (obj(body!.error)) refuse(page, `is an error answer: ${str(obj(body!.error)?.message) ?? 'no message'}`);
  const kind = KINDS[page.method];
  if (body!.kind !== kind) refuse(page, `is not a ${kind} (kind ${JSON.stringify(body!.kind ?? null)})`);
  // An unknown channel id or handle: channels.list answers no "items" at all, only pageInfo.totalResults 0.
  if (!('items' in body!) && page.method === 'channels.list' && obj(body!.pageInfo)?.totalResults === 0) return;
  const read = READERS[page.method];
  for (const item of list(page, 'items')) read(page, item);
}
