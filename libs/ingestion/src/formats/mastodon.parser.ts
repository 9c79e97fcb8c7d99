import { emptyItems, type AccountObservation, type ParsedItems, type ParseOutcome, type RejectedPart } from '../model/graph-observation.js';
import { parseJsonPreservingBigInts } from '../reading/parse-json-preserving-big-ints.js';
import { arr, count, hashtag, isoTime, obj, str, uniq } from './field-readers.js';
import type { FormatParser } from './format-parser.js';

const PLATFORM = 'mastodon';

/**
 * Mastodon ids are local to the server that answered, so the graph keys accounts by their full handle
 * (`user@host`, the fediverse-wide name) and statuses by their ActivityPub `uri`.
 */
export function fullAcct(acct: unknown, profileUrl: unknown): string | null {
  const a = str(acct);
  if (!a) return null;
  if (a.includes('@')) return a.toLowerCase();
  const url = str(profileUrl);
  try {
    return url ? `${a}@${new URL(url).host}`.toLowerCase() : null;
  } catch {
    return null;
  }
}

const HREF = /href="([^"]+)"/g;
const decodeEntities = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Mastodon statuses and bios are HTML; the graph keeps their text. */
export function htmlToText(html: unknown): string | null {
  const h = str(html);
  if (!h) return null;
  return decodeEntities(h.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>\s*<p>/gi, '\n\n').replace(/<[^>]+>/g, '')).trim() || null;
}

const hrefs = (html: unknown) => [...(str(html) ?? '').matchAll(HREF)].map((m) => decodeEntities(m[1]));

export function mastodonAccount(a: Record<string, any>, observedAt: string | null): AccountObservation | null {
  const externalId = fullAcct(a.acct, a.url);
  if (!externalId) return null;
  const fieldLinks = arr(a.fields).flatMap((f) => hrefs(f?.value));
  return {
    platform: PLATFORM,
    externalId,
    stub: false,
    handle: externalId,
    displayName: str(a.display_name),
    bio: htmlToText(a.note),
    links: uniq([str(a.url), ...fieldLinks, ...hrefs(a.note).filter((h) => !h.includes('/tags/'))]),
    verified: arr(a.fields).some((f) => !!f?.verified_at) || null,
    createdAt: isoTime(a.created_at),
    followersCount: count(a.followers_count),
    followingCount: count(a.following_count),
    postsCount: count(a.statuses_count),
    observedAt,
  };
}

/** Adds a Status (with its reblog / quoted status, mentions, reply edge) to `items`; returns its uri, or null when it has no uri or account. */
export function addStatus(s: Record<string, any>, items: ParsedItems): string | null {
  const uri = str(s.uri);
  const account = obj(s.account);
  const author = account ? fullAcct(account.acct, account.url) : null;
  if (!uri || !author || !account) return null;
  const postedAt = isoTime(s.created_at);
  const a = mastodonAccount(account, postedAt);
  if (a) items.accounts.push(a);
  const mentions: string[] = [];
  const mentionByLocalId = new Map<string, string>();
  for (const m of arr(s.mentions)) {
    const acct = fullAcct(m?.acct, m?.url);
    if (!acct) continue;
    mentions.push(acct);
    if (str(m.id)) mentionByLocalId.set(str(m.id)!, acct);
    items.accounts.push({ platform: PLATFORM, externalId: acct, stub: true, handle: acct });
  }
  const reblog = obj(s.reblog);
  const reblogUri = reblog ? addStatus(reblog, items) : null;
  const quoted = obj(obj(s.quote)?.quoted_status);
  const quoteUri = quoted ? addStatus(quoted, items) : null;
  const card = obj(s.card);
  items.posts.push({
    platform: PLATFORM,
    externalId: uri,
    stub: false,
    authorExternalId: author,
    postedAt,
    text: htmlToText(s.content),
    language: str(s.language),
    hashtags: uniq(arr(s.tags).map((t) => hashtag(t?.name))),
    mentionedExternalIds: uniq(mentions),
    urls: uniq([...hrefs(s.content).filter((h) => !h.includes('/tags/') && !/\/@[^/]+$/.test(h)), str(card?.url)]),
    repostOfExternalId: reblogUri,
    quoteOfExternalId: quoteUri,
    likeCount: count(s.favourites_count),
    repostCount: count(s.reblogs_count),
    replyCount: count(s.replies_count),
    quoteCount: count(s.quotes_count),
    observedAt: isoTime(s.edited_at) ?? postedAt,
  });
  if (!reblog) {
    for (const target of uniq(mentions)) {
      items.interactions.push({ platform: PLATFORM, type: 'mention', actorExternalId: author, targetExternalId: target, postExternalId: uri, occurredAt: postedAt });
    }
    // in_reply_to_id is a server-local id with no uri, so the reply is kept as an edge to the replied account.
    const repliedAcct = str(s.in_reply_to_account_id) ? mentionByLocalId.get(str(s.in_reply_to_account_id)!) : undefined;
    const replyTarget = repliedAcct ?? (str(s.in_reply_to_account_id) && str(s.in_reply_to_account_id) === str(account.id) ? author : undefined);
    if (replyTarget) {
      items.interactions.push({ platform: PLATFORM, type: 'reply', actorExternalId: author, targetExternalId: replyTarget, postExternalId: uri, occurredAt: postedAt });
    }
  }
  return uri;
}

export const isStatus = (v: any) => obj(v) !== null && typeof v.uri === 'string' && obj(v.account) !== null && 'content' in v;
export const isAccount = (v: any) => obj(v) !== null && typeof v.acct === 'string' && typeof v.username === 'string';
const IGNORED_STREAM_EVENTS = new Set(['delete', 'filters_changed', 'notification', 'conversation', 'announcement', 'announcement.reaction', 'announcement.delete', 'encrypted_message', 'notifications_merged']);

function addValue(v: unknown, items: ParsedItems, rejected: RejectedPart[]) {
  const o = obj(v);
  if (o && typeof o.event === 'string') {
    if (o.event === 'update' || o.event === 'status.update') {
      const payload = typeof o.payload === 'string' ? parseJsonPreservingBigInts(o.payload) : o.payload;
      if (isStatus(payload)) addStatus(payload as Record<string, any>, items);
      else rejected.push({ reason: 'streaming update without a status payload', raw: JSON.stringify(v) });
    } else if (IGNORED_STREAM_EVENTS.has(o.event)) {
      items.skipped++;
    } else {
      rejected.push({ reason: `unknown event type: streaming event "${o.event}"`, raw: JSON.stringify(v) });
    }
  } else if (isStatus(o)) {
    if (!addStatus(o!, items)) rejected.push({ reason: 'status without uri or account', raw: JSON.stringify(v) });
  } else if (isAccount(o)) {
    const a = mastodonAccount(o!, isoTime(o!.last_status_at));
    if (a) items.accounts.push(a);
    else rejected.push({ reason: 'account without acct or url', raw: JSON.stringify(v) });
  } else {
    rejected.push({ reason: 'not a Mastodon status, account or streaming event', raw: JSON.stringify(v) ?? String(v) });
  }
}

export function parseMastodonValue(value: unknown): ParseOutcome {
  const list = Array.isArray(value) ? value : [value];
  const items = emptyItems();
  const rejected: RejectedPart[] = [];
  for (const v of list) addValue(v, items, rejected);
  if (list.length > 0 && rejected.length === list.length) return { ok: false, reason: rejected[0].reason };
  return { ok: true, items, rejected };
}

export const mastodonFormat: FormatParser = {
  name: 'mastodon',
  description: 'Mastodon API statuses and accounts (with reblogs, mentions, tags), as a response document, JSON Lines, or streaming events {event, payload}',
  unit: 'json',
  sniff(sample) {
    const first = Array.isArray(sample) ? sample[0] : sample;
    const o = obj(first);
    if (o && typeof o.event === 'string' && 'payload' in o) return true;
    return isStatus(first) || isAccount(first);
  },
  create() {
    return { parse: (record) => parseMastodonValue(parseJsonPreservingBigInts(record.raw)) };
  },
};

