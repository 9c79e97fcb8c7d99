import { emptyItems, type AccountObservation, type ParsedItems, type ParseOutcome, type PostObservation } from '../model/graph-observation.js';
import { parseJsonPreservingBigInts } from '../reading/parse-json-preserving-big-ints.js';
import { arr, bool, count, hashtag, id, isoTime, obj, str, uniq } from './field-readers.js';
import type { FormatParser } from './format-parser.js';

const PLATFORM = 'twitter';

/** A Twitter v2 user object (includes.users, data of a users page, `author` in twarc's flattened lines). */
export function v2Account(u: Record<string, any>, observedAt: string | null): AccountObservation | null {
  const externalId = id(u.id);
  if (!externalId) return null;
  const m = obj(u.public_metrics);
  const urlEntities = arr(obj(obj(u.entities)?.url)?.urls);
  const bioEntities = arr(obj(obj(u.entities)?.description)?.urls);
  const hasProfile = typeof u.username === 'string';
  return {
    platform: PLATFORM,
    externalId,
    stub: !hasProfile,
    handle: str(u.username),
    displayName: str(u.name),
    bio: str(u.description),
    links: uniq([...urlEntities, ...bioEntities].map((e) => str(e?.expanded_url) ?? str(e?.url))),
    location: str(u.location),
    verified: bool(u.verified),
    createdAt: isoTime(u.created_at),
    followersCount: count(m?.followers_count),
    followingCount: count(m?.following_count),
    listedCount: count(m?.listed_count),
    postsCount: count(m?.tweet_count),
    observedAt: m ? observedAt : null,
  };
}

const REF_FIELD = { replied_to: 'replyToExternalId', quoted: 'quoteOfExternalId', retweeted: 'repostOfExternalId' } as const;

/** Adds a v2 tweet (and what it references) to `items`. Returns false when the tweet lacks an id. */
export function addV2Tweet(
  t: Record<string, any>,
  items: ParsedItems,
  ctx: { observedAt: string | null; usersByName: Map<string, string> },
): boolean {
  const externalId = id(t.id);
  if (!externalId) return false;
  const authorId = id(t.author_id) ?? id(obj(t.author)?.id);
  const author = obj(t.author);
  if (author) {
    const a = v2Account(author, ctx.observedAt ?? isoTime(t.created_at));
    if (a) items.accounts.push(a);
  } else if (authorId) {
    items.accounts.push({ platform: PLATFORM, externalId: authorId, stub: true });
  }
  const entities = obj(t.entities);
  const mentions: string[] = [];
  for (const m of arr(entities?.mentions)) {
    const username = str(m?.username);
    const mid = id(m?.id) ?? (username ? ctx.usersByName.get(username.toLowerCase()) : undefined) ?? null;
    if (!mid) continue;
    mentions.push(mid);
    items.accounts.push({ platform: PLATFORM, externalId: mid, stub: true, handle: username });
  }
  const post: PostObservation = {
    platform: PLATFORM,
    externalId,
    stub: typeof t.text !== 'string',
    authorExternalId: authorId,
    postedAt: isoTime(t.created_at),
    text: str(t.text),
    language: str(t.lang),
    hashtags: uniq(arr(entities?.hashtags).map((h) => hashtag(h?.tag))),
    mentionedExternalIds: uniq(mentions),
    urls: uniq(arr(entities?.urls).map((u) => str(u?.expanded_url) ?? str(u?.url))),
    annotations: Array.isArray(t.context_annotations)
      ? t.context_annotations.map((a: any) => ({
          domain: { id: str(a?.domain?.id), name: str(a?.domain?.name) },
          entity: { id: str(a?.entity?.id), name: str(a?.entity?.name) },
        }))
      : null,
  };
  const pm = obj(t.public_metrics);
  if (pm) {
    post.likeCount = count(pm.like_count);
    post.repostCount = count(pm.retweet_count);
    post.replyCount = count(pm.reply_count);
    post.quoteCount = count(pm.quote_count);
    post.impressionCount = count(pm.impression_count);
    post.observedAt = ctx.observedAt ?? post.postedAt;
  }
  for (const ref of arr(t.referenced_tweets)) {
    const field = REF_FIELD[ref?.type as keyof typeof REF_FIELD];
    const refId = id(ref?.id);
    if (!field || !refId) continue;
    post[field] = refId;
    if (typeof ref.text === 'string') {
      addV2Tweet(ref, items, ctx); // twarc's flattened lines inline the referenced tweet
    } else {
      const refAuthor = ref.type === 'replied_to' ? id(t.in_reply_to_user_id) : null;
      items.posts.push({ platform: PLATFORM, externalId: refId, stub: true, authorExternalId: refAuthor });
      if (refAuthor) items.accounts.push({ platform: PLATFORM, externalId: refAuthor, stub: true });
    }
  }
  if (!post.replyToExternalId && id(t.in_reply_to_user_id) && !post.stub) {
    items.accounts.push({ platform: PLATFORM, externalId: id(t.in_reply_to_user_id)!, stub: true });
  }
  items.posts.push(post);
  // A retweet's text starts with "RT @author": that is not a mention by the retweeter.
  if (authorId && !post.repostOfExternalId && !post.stub) {
    for (const target of post.mentionedExternalIds ?? []) {
      items.interactions.push({
        platform: PLATFORM,
        type: 'mention',
        actorExternalId: authorId,
        targetExternalId: target,
        postExternalId: externalId,
        occurredAt: post.postedAt,
      });
    }
  }
  return true;
}

const looksLikeTweet = (v: any) => obj(v) !== null && id(v.id) !== null && (typeof v.text === 'string' || 'author_id' in v);
const looksLikeUser = (v: any) => obj(v) !== null && id(v.id) !== null && typeof v.username === 'string' && !('text' in v);

/** One v2 response page ({data, includes, meta, __twarc}), a streamed line ({data: tweet}), or a flattened tweet. */
export function parseTwitterV2Value(value: unknown): ParseOutcome {
  const v = obj(value);
  if (!v) return { ok: false, reason: 'not a JSON object' };
  const observedAt = isoTime(obj(v.__twarc)?.retrieved_at);
  const items = emptyItems();
  if (!('data' in v) && !('includes' in v)) {
    if (looksLikeTweet(v)) {
      addV2Tweet(v, items, { observedAt, usersByName: new Map() });
      return { ok: true, items };
    }
    if (Array.isArray(v.errors)) return { ok: false, reason: `API error object without data: ${JSON.stringify(v.errors).slice(0, 200)}` };
    return { ok: false, reason: 'not a Twitter v2 page or tweet: no "data" or "includes"' };
  }
  const data = Array.isArray(v.data) ? v.data : v.data ? [v.data] : [];
  const includes = obj(v.includes);
  const users = [...arr(includes?.users), ...data.filter(looksLikeUser)];
  const tweets = [...data.filter(looksLikeTweet), ...arr(includes?.tweets)];
  if (users.length === 0 && tweets.length === 0) {
    return { ok: false, reason: 'Twitter v2 page has no tweets or users (e.g. counts, lists or an error page)' };
  }
  const usersByName = new Map<string, string>();
  for (const u of users) {
    const a = v2Account(u, observedAt);
    if (!a) continue;
    items.accounts.push(a);
    if (a.handle) usersByName.set(a.handle.toLowerCase(), a.externalId);
  }
  for (const t of tweets) addV2Tweet(t, items, { observedAt, usersByName });
  return { ok: true, items };
}

export const twitterV2Format: FormatParser = {
  name: 'twitter-v2',
  description: 'Twitter API v2 response pages (data, includes.users/tweets, public_metrics, entities, referenced_tweets, context_annotations), JSON Lines as written by twarc2, or one response per file',
  unit: 'json',
  sniff(sample) {
    const v = obj(sample);
    if (!v) return false;
    if ('data' in v || 'includes' in v) {
      const first = Array.isArray(v.data) ? v.data[0] : v.data;
      return first === undefined || looksLikeTweet(first) || looksLikeUser(first) || obj(first) !== null;
    }
    return looksLikeTweet(v) && typeof v.id_str !== 'string' && ('author_id' in v || 'edit_history_tweet_ids' in v || 'public_metrics' in v);
  },
  create() {
    return { parse: (record) => parseTwitterV2Value(parseJsonPreservingBigInts(record.raw)) };
  },
};
