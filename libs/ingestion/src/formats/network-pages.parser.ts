import {
  emptyItems,
  type AccountObservation,
  type ParsedItems,
  type ParseOutcome,
  type Platform,
  type RejectedPart,
} from '../model/graph-observation.js';
import { BLUESKY_PAGE_METHODS, INSTAGRAM_PAGE_METHODS, MASTODON_PAGE_METHODS, NETWORK_NAMES, YOUTUBE_PAGE_METHODS, type NetworkName } from '../model/network-page.js';
import { parseJsonPreservingBigInts } from '../reading/parse-json-preserving-big-ints.js';
import { parseAtUri } from './bluesky-jetstream.parser.js';
import { arr, count, hashtag, isoTime, obj, str, uniq } from './field-readers.js';
import type { FormatParser } from './format-parser.js';
import { bodyArray, list, PageRefused, refuse, reject, type Page } from './network-pages/page-reading.js';
import { parseYoutubePage } from './network-pages/youtube-pages.js';
import { parseInstagramPage } from './network-pages/instagram-pages.js';
import { addStatus, fullAcct, isAccount, isStatus, mastodonAccount } from './mastodon.parser.js';

/**
 * The `network-pages` format: one answer of the Bluesky or Mastodon public API per record, as the crawler keeps
 * it ({@link NetworkPage}). Bluesky accounts are keyed by DID and posts by at-uri; Mastodon accounts by their full
 * `user@host` (lower case) and statuses by their ActivityPub `uri`, as the Jetstream and Mastodon formats do, so
 * crawled and streamed observations of the same people meet in the same rows.
 *
 * Every time that keys an edge comes from the page's content, never from when it was fetched, so re-crawling the
 * same account yields the same edges; `fetchedAt` only dates the counts (the accounts' and posts' `observedAt`).
 *
 * People who opted out (Bluesky's `!no-unauthenticated` self-label, Mastodon `noindex: true` or
 * `discoverable: false`) are left out with their posts and every edge that involves them, counted as skipped.
 */

const BSKY: Platform = 'bluesky';
const MASTO: Platform = 'mastodon';
const NO_UNAUTHENTICATED = '!no-unauthenticated';
const DID = /^did:[a-z]+:[A-Za-z0-9._:%-]+$/;
const URL_IN_TEXT = /https?:\/\/[^\s)]+/g;
// A #tag in the text: letters, digits and underscores, at least one letter (so "#1" is not a tag).
const TAG_IN_TEXT = /(?:^|\s)[#＃]([\p{L}\p{M}\p{N}_]*\p{L}[\p{L}\p{M}\p{N}_]*)/gu;

const METHODS: Record<NetworkName, readonly string[]> = { bluesky: BLUESKY_PAGE_METHODS, mastodon: MASTODON_PAGE_METHODS, youtube: YOUTUBE_PAGE_METHODS, instagram: INSTAGRAM_PAGE_METHODS };
const isNetworkName = (v: unknown): v is NetworkName => (NETWORK_NAMES as readonly unknown[]).includes(v);
const key = (platform: Platform, externalId: string) => `${platform}\u0000${externalId}`;

/** Whether a JSON value is a network page envelope (strict: it must never claim another format's records). */
export function isNetworkPage(v: unknown): boolean {
  const o = obj(v);
  return !!o && isNetworkName(o.network) && typeof o.method === 'string' && typeof o.url === 'string' && 'body' in o;
}

// ---------------------------------------------------------------------------------------------------------------
// Bluesky

const blueskyDid = (v: unknown) => {
  const s = str(v);
  return s && DID.test(s) ? s : null;
};

const postRef = (uri: unknown) => {
  const p = parseAtUri(uri);
  return p && p.collection === 'app.bsky.feed.post' && DID.test(p.did) ? { ...p, uri: `at://${p.did}/app.bsky.feed.post/${p.rkey}` } : null;
};

const hasNoUnauthenticated = (labels: unknown) => arr(labels).some((l) => obj(l)?.val === NO_UNAUTHENTICATED && l.neg !== true);

/**
 * A ProfileViewBasic, ProfileView or ProfileViewDetailed. Only the detailed view carries counts; the others leave
 * them null, which the writer reads as "not observed" (it keeps the stored counts), never as zero.
 */
function blueskyAccount(v: unknown, observedAt: string): AccountObservation | null {
  const p = obj(v);
  const did = blueskyDid(p?.did);
  if (!p || !did) return null;
  const bio = str(p.description);
  const handle = str(p.handle);
  return {
    platform: BSKY,
    externalId: did,
    stub: false,
    handle: handle && handle !== 'handle.invalid' ? handle : null,
    displayName: str(p.displayName),
    bio,
    // A view without a description (ProfileViewBasic) says nothing about links: null keeps the stored ones.
    links: 'description' in p ? uniq(bio?.match(URL_IN_TEXT) ?? []) : null,
    verified: obj(p.verification)?.verifiedStatus === 'valid' ? true : null,
    createdAt: isoTime(p.createdAt),
    followersCount: count(p.followersCount),
    followingCount: count(p.followsCount),
    postsCount: count(p.postsCount),
    observedAt,
  };
}

function addBlueskyAccount(page: Page, v: unknown): string | null {
  const a = blueskyAccount(v, page.fetchedAt);
  if (!a) {
    reject(page, v, 'without a valid "did"');
    return null;
  }
  page.items.accounts.push(a);
  return a.externalId;
}

/** A post referenced by uri only (replied to, quoted, liked): a stub with the author its at-uri names. */
function stubPost(items: ParsedItems, ref: { did: string; uri: string }) {
  items.accounts.push({ platform: BSKY, externalId: ref.did, stub: true });
  items.posts.push({ platform: BSKY, externalId: ref.uri, stub: true, authorExternalId: ref.did });
}

const embeddedPost = (e: Record<string, any> | null) => postRef(obj(e?.record)?.uri) ?? postRef(obj(obj(e?.record)?.record)?.uri);
const embeddedLink = (e: Record<string, any> | null) => str(obj(e?.external)?.uri) ?? str(obj(obj(e?.media)?.external)?.uri);

/** A PostView: the post with its counts, its author, stubs for what it replies to and quotes, its mentions. */
function addBlueskyPost(page: Page, v: unknown, quoteOf?: { did: string; uri: string } | null): string | null {
  const pv = obj(v);
  const ref = postRef(pv?.uri);
  const author = obj(pv?.author);
  const did = blueskyDid(author?.did);
  const r = obj(pv?.record);
  if (!pv || !ref || !did || !r) {
    reject(page, v, 'is not a PostView (uri, author.did, record)');
    return null;
  }
  if (ref.did !== did) {
    reject(page, v, `names author ${did} but its uri belongs to ${ref.did}`);
    return null;
  }
  const items = page.items;
  items.accounts.push(blueskyAccount(author, page.fetchedAt)!);
  const postedAt = isoTime(r.createdAt) ?? isoTime(pv.indexedAt);
  const text = str(r.text);
  const facets = arr(r.facets).flatMap((f) => arr(f?.features));
  const mentions = uniq(facets.filter((f) => f?.$type === 'app.bsky.richtext.facet#mention').map((f) => blueskyDid(f.did)));
  const links = facets.filter((f) => f?.$type === 'app.bsky.richtext.facet#link').map((f) => str(f.uri));
  const textTags = text ? [...text.matchAll(TAG_IN_TEXT)].map((m) => hashtag(m[1])) : [];
  const tags = uniq([...facets.filter((f) => f?.$type === 'app.bsky.richtext.facet#tag').map((f) => hashtag(f.tag)), ...arr(r.tags).map(hashtag), ...textTags]);
  const parent = postRef(obj(obj(r.reply)?.parent)?.uri);
  const rawEmbed = obj(r.embed);
  const viewEmbed = obj(pv.embed);
  const quoted = embeddedPost(rawEmbed) ?? embeddedPost(viewEmbed) ?? quoteOf ?? null;
  for (const m of mentions) items.accounts.push({ platform: BSKY, externalId: m, stub: true });
  for (const p of [parent, quoted]) if (p) stubPost(items, p);
  items.posts.push({
    platform: BSKY,
    externalId: ref.uri,
    stub: false,
    authorExternalId: did,
    postedAt,
    text,
    language: str(arr(r.langs)[0]),
    hashtags: tags,
    mentionedExternalIds: mentions,
    urls: uniq([...links, embeddedLink(rawEmbed) ?? embeddedLink(viewEmbed)]),
    replyToExternalId: parent?.uri ?? null,
    quoteOfExternalId: quoted?.uri ?? null,
    likeCount: count(pv.likeCount),
    repostCount: count(pv.repostCount),
    replyCount: count(pv.replyCount),
    quoteCount: count(pv.quoteCount),
    observedAt: page.fetchedAt,
  });
  for (const m of mentions) {
    items.interactions.push({ platform: BSKY, type: 'mention', actorExternalId: did, targetExternalId: m, postExternalId: ref.uri, occurredAt: postedAt });
  }
  return ref.uri;
}

/** The post a getLikes / getRepostedBy / getQuotes page is about. */
function subjectPost(page: Page) {
  const ref = postRef(obj(page.body)?.uri);
  if (!ref) refuse(page, 'without the post "uri" it is about');
  stubPost(page.items, ref!);
  return ref!;
}

function parseBlueskyPage(page: Page) {
  const { items } = page;
  switch (page.method) {
    case 'app.bsky.actor.getProfile':
      if (!blueskyDid(obj(page.body)?.did)) refuse(page, 'without a profile (ProfileViewDetailed with a "did")');
      page.seen++;
      addBlueskyAccount(page, page.body);
      return;
    case 'app.bsky.actor.getProfiles':
      for (const p of list(page, 'profiles')) addBlueskyAccount(page, p);
      return;
    case 'app.bsky.actor.searchActors':
      for (const p of list(page, 'actors')) addBlueskyAccount(page, p);
      return;
    case 'app.bsky.feed.getAuthorFeed':
      for (const item of list(page, 'feed')) {
        const uri = addBlueskyPost(page, obj(item)?.post);
        const reason = obj(obj(item)?.reason);
        if (!uri || reason?.$type !== 'app.bsky.feed.defs#reasonRepost') continue;
        const by = blueskyAccount(reason.by, page.fetchedAt);
        if (!by) {
          reject(page, item, 'reposted by no valid "did"');
          continue;
        }
        items.accounts.push(by);
        items.interactions.push({
          platform: BSKY,
          type: 'repost',
          actorExternalId: by.externalId,
          targetExternalId: parseAtUri(uri)!.did,
          postExternalId: uri,
          // Undated, like the same repost read from getRepostedBy (which gives no time): an edge is keyed by its time,
          // so dating one of the two would store the repost twice and count it twice in scoring.
          occurredAt: null,
          sourceRef: str(reason.uri),
        });
      }
      return;
    case 'app.bsky.feed.searchPosts':
      for (const p of list(page, 'posts')) addBlueskyPost(page, p);
      return;
    case 'app.bsky.feed.getQuotes': {
      const subject = subjectPost(page);
      for (const p of list(page, 'posts')) addBlueskyPost(page, p, subject);
      return;
    }
    case 'app.bsky.feed.getLikes': {
      const subject = subjectPost(page);
      for (const like of list(page, 'likes')) {
        const actor = blueskyAccount(obj(like)?.actor, page.fetchedAt);
        if (!actor) {
          reject(page, like, 'without an actor with a valid "did"');
          continue;
        }
        items.accounts.push(actor);
        items.interactions.push({
          platform: BSKY, type: 'like', actorExternalId: actor.externalId, targetExternalId: subject.did, postExternalId: subject.uri,
          occurredAt: isoTime(like.createdAt) ?? isoTime(like.indexedAt),
        });
      }
      return;
    }
    case 'app.bsky.feed.getRepostedBy': {
      const subject = subjectPost(page);
      for (const p of list(page, 'repostedBy')) {
        const actor = addBlueskyAccount(page, p);
        // The list says who reposted, not when: no time, so the same edge every time it is crawled.
        if (actor) items.interactions.push({ platform: BSKY, type: 'repost', actorExternalId: actor, targetExternalId: subject.did, postExternalId: subject.uri, occurredAt: null });
      }
      return;
    }
    case 'app.bsky.graph.getFollowers':
    case 'app.bsky.graph.getFollows': {
      const followers = page.method === 'app.bsky.graph.getFollowers';
      const subject = blueskyAccount(obj(page.body)?.subject, page.fetchedAt);
      if (!subject) refuse(page, 'without a "subject" profile with a "did"');
      items.accounts.push(subject!);
      for (const p of list(page, followers ? 'followers' : 'follows')) {
        const other = addBlueskyAccount(page, p);
        if (!other) continue;
        const [actor, target] = followers ? [other, subject!.externalId] : [subject!.externalId, other];
        items.interactions.push({ platform: BSKY, type: 'follow', actorExternalId: actor, targetExternalId: target, occurredAt: null });
      }
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Mastodon

/** A Status through the Mastodon format's own mapping, its counts dated by the fetch (when they were true). */
function addMastodonStatus(page: Page, v: unknown) {
  if (!isStatus(v)) {
    reject(page, v, 'is not a Status (uri, account, content)');
    return;
  }
  const own = emptyItems();
  if (!addStatus(v as Record<string, any>, own)) {
    reject(page, v, 'is a Status without a usable uri or account');
    return;
  }
  for (const a of own.accounts) if (!a.stub) a.observedAt = page.fetchedAt;
  for (const p of own.posts) if (!p.stub) p.observedAt = page.fetchedAt;
  page.items.accounts.push(...own.accounts);
  page.items.posts.push(...own.posts);
  page.items.interactions.push(...own.interactions);
}

function addMastodonAccount(page: Page, v: unknown): string | null {
  const a = isAccount(v) ? mastodonAccount(v as Record<string, any>, page.fetchedAt) : null;
  if (!a) {
    reject(page, v, 'is not an Account with an acct and a profile url');
    return null;
  }
  page.items.accounts.push(a);
  return a.externalId;
}

function subjectAcct(page: Page, field: 'acct' | 'authorAcct', what: string): string {
  const acct = fullAcct(page.subject?.[field], null);
  if (!acct) refuse(page, `without "subject.${field}" (${what}, as user@host)`);
  page.items.accounts.push({ platform: MASTO, externalId: acct!, stub: true, handle: acct });
  return acct!;
}

function parseMastodonPage(page: Page) {
  const { items } = page;
  switch (page.method) {
    case 'accounts.lookup':
    case 'accounts.get':
      if (!isAccount(page.body)) refuse(page, 'without an Account (acct, username)');
      page.seen++;
      addMastodonAccount(page, page.body);
      return;
    case 'accounts.statuses':
    case 'timelines.tag':
      for (const s of bodyArray(page, 'statuses')) addMastodonStatus(page, s);
      return;
    case 'accounts.followers':
    case 'accounts.following': {
      const followers = page.method === 'accounts.followers';
      const subject = subjectAcct(page, 'acct', followers ? 'whose followers' : 'who follows them');
      for (const a of bodyArray(page, 'accounts')) {
        const other = addMastodonAccount(page, a);
        if (!other) continue;
        const [actor, target] = followers ? [other, subject] : [subject, other];
        items.interactions.push({ platform: MASTO, type: 'follow', actorExternalId: actor, targetExternalId: target, occurredAt: null });
      }
      return;
    }
    case 'statuses.favourited_by':
    case 'statuses.reblogged_by': {
      const statusUri = str(page.subject?.statusUri);
      if (!statusUri) refuse(page, 'without "subject.statusUri" (the status it is about)');
      const author = subjectAcct(page, 'authorAcct', "the status's author");
      items.posts.push({ platform: MASTO, externalId: statusUri!, stub: true, authorExternalId: author });
      const type = page.method === 'statuses.favourited_by' ? 'like' : 'repost';
      for (const a of bodyArray(page, 'accounts')) {
        const actor = addMastodonAccount(page, a);
        if (actor) items.interactions.push({ platform: MASTO, type, actorExternalId: actor, targetExternalId: author, postExternalId: statusUri, occurredAt: null });
      }
      return;
    }
    case 'search': {
      const b = obj(page.body);
      if (!b || (!Array.isArray(b.accounts) && !Array.isArray(b.statuses))) refuse(page, 'without an "accounts" or "statuses" list');
      if (Array.isArray(b!.accounts)) for (const a of list(page, 'accounts')) addMastodonAccount(page, a);
      if (Array.isArray(b!.statuses)) for (const s of list(page, 'statuses')) addMastodonStatus(page, s);
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Opt-outs

/** Every account view in the body whose owner opted out of being crawled (Bluesky self-label, Mastodon flags). */
function collectOptOuts(network: NetworkName, v: unknown, out: Set<string>, depth = 0) {
  if (depth > 16 || v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const x of v) collectOptOuts(network, x, out, depth + 1);
    return;
  }
  const o = v as Record<string, any>;
  if (network === 'youtube' || network === 'instagram') return; // neither network has an opt-out flag in its API
  if (network === 'bluesky') {
    const did = blueskyDid(o.did);
    if (did && hasNoUnauthenticated(o.labels)) out.add(key(BSKY, did));
  } else if (isAccount(o) && (o.noindex === true || o.discoverable === false)) {
    const acct = fullAcct(o.acct, o.url);
    if (acct) out.add(key(MASTO, acct));
  }
  for (const k in o) if (k !== 'labels') collectOptOuts(network, o[k], out, depth + 1);
}

/** Drops opted-out accounts, their posts, reposts of those posts, and every edge or reference to them. */
function applyOptOuts(items: ParsedItems, out: Set<string>): ParsedItems {
  if (out.size === 0) return items;
  const isOut = (platform: Platform, id: string | null | undefined) => !!id && out.has(key(platform, id));
  const droppedPosts = new Set<string>();
  for (const p of items.posts) if (isOut(p.platform, p.authorExternalId)) droppedPosts.add(key(p.platform, p.externalId));
  const dropped = (platform: Platform, id: string | null | undefined) => !!id && droppedPosts.has(key(platform, id));
  for (let grew = droppedPosts.size > 0; grew; ) {
    grew = false;
    for (const p of items.posts) {
      if (!dropped(p.platform, p.externalId) && dropped(p.platform, p.repostOfExternalId)) {
        droppedPosts.add(key(p.platform, p.externalId));
        grew = true;
      }
    }
  }
  const kept = emptyItems();
  kept.deletions = items.deletions;
  const skippedAccounts = new Set<string>();
  const skippedPosts = new Set<string>();
  for (const a of items.accounts) {
    if (isOut(a.platform, a.externalId)) skippedAccounts.add(key(a.platform, a.externalId));
    else kept.accounts.push(a);
  }
  for (const p of items.posts) {
    if (dropped(p.platform, p.externalId)) {
      if (!p.stub) skippedPosts.add(key(p.platform, p.externalId));
      continue;
    }
    const mentions = p.mentionedExternalIds?.filter((m) => !isOut(p.platform, m));
    kept.posts.push({
      ...p,
      ...(p.mentionedExternalIds ? { mentionedExternalIds: mentions } : {}),
      ...(dropped(p.platform, p.replyToExternalId) ? { replyToExternalId: null } : {}),
      ...(dropped(p.platform, p.quoteOfExternalId) ? { quoteOfExternalId: null } : {}),
    });
  }
  let skippedEdges = 0;
  for (const i of items.interactions) {
    if (isOut(i.platform, i.actorExternalId) || isOut(i.platform, i.targetExternalId) || dropped(i.platform, i.postExternalId)) skippedEdges++;
    else kept.interactions.push(i);
  }
  kept.skipped = items.skipped + skippedAccounts.size + skippedPosts.size + skippedEdges;
  return kept;
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * One page. `optedOut` (platform + id keys) carries the opt-outs already seen in this run, so a later page that
 * only names such an account (a like of their post, a mention) leaves them out too.
 */
export function parseNetworkPage(value: unknown, optedOut: Set<string> = new Set()): ParseOutcome {
  const o = obj(value);
  if (!o) return { ok: false, reason: 'not a network page: expected an object { network, method, url, fetchedAt, body }' };
  const url = str(o.url);
  if (!url) return { ok: false, reason: 'network page without a "url"' };
  if (!isNetworkName(o.network)) return { ok: false, reason: `network page of an unknown network ${JSON.stringify(o.network ?? null)} (${url})` };
  const network: NetworkName = o.network;
  const method = str(o.method);
  if (!method || !METHODS[network].includes(method)) return { ok: false, reason: `unknown ${network} page method ${JSON.stringify(o.method ?? null)} (${url})` };
  const fetchedAt = isoTime(o.fetchedAt);
  if (!fetchedAt) return { ok: false, reason: `${method} page without a valid "fetchedAt" time (${url})` };
  if (!('body' in o)) return { ok: false, reason: `${method} page without a "body" (${url})` };
  const errorBody = obj(o.body);
  if (errorBody && typeof errorBody.error === 'string' && Object.keys(errorBody).every((k) => k === 'error' || k === 'message' || k === 'error_description')) {
    return { ok: false, reason: `${method} page is an error answer: ${errorBody.error}${errorBody.message ? `: ${errorBody.message}` : ''} (${url})` };
  }
  if (o.subject !== undefined && o.subject !== null && !obj(o.subject)) return { ok: false, reason: `${method} page with a "subject" that is not an object (${url})` };
  const page: Page = { network, method, url, fetchedAt, subject: obj(o.subject), body: o.body, items: emptyItems(), rejected: [], seen: 0 };
  try {
    if (network === 'bluesky') parseBlueskyPage(page);
    else if (network === 'mastodon') parseMastodonPage(page);
    else if (network === 'youtube') parseYoutubePage(page);
    else parseInstagramPage(page);
  } catch (err) {
    if (err instanceof PageRefused) return { ok: false, reason: err.message };
    throw err;
  }
  if (page.seen > 0 && page.rejected.length >= page.seen) {
    return { ok: false, reason: `${method} page: no usable item (${url}); first: ${page.rejected[0].reason}` };
  }
  collectOptOuts(network, o.body, optedOut);
  return { ok: true, items: applyOptOuts(page.items, optedOut), rejected: page.rejected };
}

export const networkPagesFormat: FormatParser = {
  name: 'network-pages',
  description: 'Bluesky, Mastodon, YouTube Data API and Instagram Business Discovery answers as the crawler keeps them: { network, method, url, fetchedAt, subject?, body } per record',
  unit: 'json',
  sniff: isNetworkPage,
  create() {
    const optedOut = new Set<string>();
    return {
      parse(record) {
        let value: unknown;
        try {
          value = parseJsonPreservingBigInts(record.raw);
        } catch (err) {
          return { ok: false, reason: `malformed JSON: ${(err as Error).message}` };
        }
        return parseNetworkPage(value, optedOut);
      },
    };
  },
};
