import { emptyItems, type AccountObservation, type ParsedItems, type ParseOutcome, type RejectedPart } from '../model/graph-observation.js';
import { parseJsonPreservingBigInts } from '../reading/parse-json-preserving-big-ints.js';
import { arr, bool, count, hashtag, id, isoTime, obj, str, uniq } from './field-readers.js';
import type { FormatParser } from './format-parser.js';

const PLATFORM = 'twitter';

/** Prefer the *_str twin of an id: the bare number may have been rounded by whoever wrote the file. */
const idOf = (o: Record<string, any> | null, field: string) => (o ? (id(o[`${field}_str`]) ?? id(o[field])) : null);

export function v1Account(u: Record<string, any>, observedAt: string | null): AccountObservation | null {
  const externalId = idOf(u, 'id');
  if (!externalId) return null;
  const entities = obj(u.entities);
  const links = [...arr(obj(entities?.url)?.urls), ...arr(obj(entities?.description)?.urls)].map((e) => str(e?.expanded_url) ?? str(e?.url));
  const hasMetrics = 'followers_count' in u;
  return {
    platform: PLATFORM,
    externalId,
    stub: typeof u.screen_name !== 'string',
    handle: str(u.screen_name),
    displayName: str(u.name),
    bio: str(u.description),
    links: uniq(links),
    language: str(u.lang),
    location: str(u.location),
    verified: bool(u.verified),
    createdAt: isoTime(u.created_at),
    followersCount: count(u.followers_count),
    followingCount: count(u.friends_count),
    listedCount: count(u.listed_count),
    postsCount: count(u.statuses_count),
    observedAt: hasMetrics ? observedAt : null,
  };
}

/**
 * A v1.1 tweet with its embedded user, retweeted_status and quoted_status. The embedded user's counts are
 * dated at the tweet's time (the only time the payload carries), so re-reading an old tweet never overrides
 * a newer observation.
 */
function addV1Tweet(t: Record<string, any>, items: ParsedItems): boolean {
  const externalId = idOf(t, 'id');
  const user = obj(t.user);
  const authorId = idOf(user, 'id');
  if (!externalId || !authorId || !user) return false;
  const postedAt = isoTime(t.created_at);
  const a = v1Account(user, postedAt);
  if (a) items.accounts.push(a);
  const ext = obj(t.extended_tweet);
  const entities = obj(ext?.entities) ?? obj(t.entities);
  const mentions: string[] = [];
  for (const m of arr(entities?.user_mentions)) {
    const mid = idOf(m, 'id');
    if (!mid) continue;
    mentions.push(mid);
    items.accounts.push({ platform: PLATFORM, externalId: mid, stub: true, handle: str(m.screen_name), displayName: str(m.name) });
  }
  const retweeted = obj(t.retweeted_status);
  const quoted = obj(t.quoted_status);
  const replyTo = idOf(t, 'in_reply_to_status_id');
  const replyToUser = idOf(t, 'in_reply_to_user_id');
  const repostOf = retweeted ? idOf(retweeted, 'id') : null;
  const quoteOf = idOf(t, 'quoted_status_id') ?? (quoted ? idOf(quoted, 'id') : null);
  items.posts.push({
    platform: PLATFORM,
    externalId,
    stub: false,
    authorExternalId: authorId,
    postedAt,
    text: str(ext?.full_text) ?? str(t.full_text) ?? str(t.text),
    language: str(t.lang),
    hashtags: uniq(arr(entities?.hashtags).map((h) => hashtag(h?.text))),
    mentionedExternalIds: uniq(mentions),
    urls: uniq(arr(entities?.urls).map((u) => str(u?.expanded_url) ?? str(u?.url))),
    replyToExternalId: replyTo,
    quoteOfExternalId: quoteOf,
    repostOfExternalId: repostOf,
    likeCount: count(t.favorite_count),
    repostCount: count(t.retweet_count),
    replyCount: count(t.reply_count),
    quoteCount: count(t.quote_count),
    observedAt: postedAt,
  });
  if (replyTo) {
    items.posts.push({ platform: PLATFORM, externalId: replyTo, stub: true, authorExternalId: replyToUser });
    if (replyToUser) items.accounts.push({ platform: PLATFORM, externalId: replyToUser, stub: true, handle: str(t.in_reply_to_screen_name) });
  }
  if (retweeted) addV1Tweet(retweeted, items);
  if (quoted) addV1Tweet(quoted, items);
  else if (quoteOf) items.posts.push({ platform: PLATFORM, externalId: quoteOf, stub: true });
  if (!repostOf) {
    for (const target of uniq(mentions)) {
      items.interactions.push({ platform: PLATFORM, type: 'mention', actorExternalId: authorId, targetExternalId: target, postExternalId: externalId, occurredAt: postedAt });
    }
  }
  return true;
}

const isTweet = (v: any) => obj(v) !== null && (typeof v.id_str === 'string' || typeof v.id === 'string') && obj(v.user) !== null && ('text' in v || 'full_text' in v);
const isUser = (v: any) => obj(v) !== null && typeof v.id_str === 'string' && typeof v.screen_name === 'string';

/** A tweet, a user, an array of either, or a {statuses}/{users} envelope (search, followers/list...). */
export function parseTwitterV1Value(value: unknown): ParseOutcome {
  const v = obj(value);
  let list: unknown[];
  if (Array.isArray(value)) list = value;
  else if (v && Array.isArray(v.statuses)) list = v.statuses;
  else if (v && Array.isArray(v.users)) list = v.users;
  else list = [value];
  const items = emptyItems();
  const rejected: RejectedPart[] = [];
  for (const entry of list) {
    const e = obj(entry);
    if (e && isTweet(e)) {
      if (!addV1Tweet(e, items)) rejected.push({ reason: 'tweet without id or user id', raw: JSON.stringify(entry) });
    } else if (e && isUser(e)) {
      // A user object's counts are current at retrieval; its last status (if embedded) dates it at best.
      const observedAt = isoTime(obj(e.status)?.created_at);
      const a = v1Account(e, observedAt);
      if (a) items.accounts.push(a);
      if (obj(e.status)) addV1Tweet({ ...e.status, user: e }, items);
    } else {
      rejected.push({ reason: 'not a Twitter v1.1 tweet or user (needs id_str with user or screen_name)', raw: JSON.stringify(entry) ?? String(entry) });
    }
  }
  if (list.length > 0 && rejected.length === list.length) return { ok: false, reason: rejected[0].reason };
  return { ok: true, items, rejected };
}

export const twitterV1Format: FormatParser = {
  name: 'twitter-v1',
  description: 'Twitter API v1.1 tweets and users (id_str, user, retweeted_status, quoted_status, entities): a response document (array, {statuses}, {users}) or JSON Lines',
  unit: 'json',
  sniff(sample) {
    const v = obj(sample);
    const first = Array.isArray(sample) ? sample[0] : v && Array.isArray(v.statuses) ? v.statuses[0] : v && Array.isArray(v.users) ? v.users[0] : sample;
    return isTweet(first) || isUser(first);
  },
  create() {
    return { parse: (record) => parseTwitterV1Value(parseJsonPreservingBigInts(record.raw)) };
  },
};
