import type { AccountObservation, PostObservation } from '../../model/graph-observation.js';
import { count, id, isoTime, obj, str } from '../field-readers.js';
import { list, refuse, reject, tagsInText, urlsInText, type Page } from './page-reading.js';

/**
 * Instagram Graph API Business Discovery pages (`business_discovery`): the answer of
 * `GET /<brand ig user id>?fields=business_discovery.username(<name>){followers_count,...,media{...}}`, i.e.
 * `{ business_discovery: IGUser & { media: { data: IGMedia[], paging } }, id }`.
 *
 * The account is keyed by its IG user id (`business_discovery.id`, a numeric string), the media by their ids.
 * Instagram shows no engagers and no follower lists to other accounts, so there are no interactions; a like count
 * the owner hid is absent from the answer and stays null (unknown), never 0. A page that continues the media list
 * (`media.after(cursor)`) carries no profile fields: it names the account as a stub and adds its media.
 */

type Json = Record<string, any>;

/** What the parser calls each media kind (`annotations[].media.kind`): Reels first, since a Reel is a VIDEO too. */
export type InstagramMediaKind = 'reel' | 'image' | 'carousel' | 'video';

const KINDS: Record<string, InstagramMediaKind> = { IMAGE: 'image', VIDEO: 'video', CAROUSEL_ALBUM: 'carousel' };

export function instagramMediaKind(m: Json): InstagramMediaKind | null {
  if (m.media_product_type === 'REELS') return 'reel';
  return KINDS[String(m.media_type ?? '')] ?? null;
}

/** The profile fields Business Discovery answers: one of them present means the page is a profile, not a media continuation. */
const PROFILE_FIELDS = ['followers_count', 'follows_count', 'media_count', 'biography', 'name', 'website'] as const;

function instagramAccount(bd: Json, observedAt: string): AccountObservation {
  const externalId = id(bd.id)!;
  const handle = str(bd.username)?.toLowerCase() ?? null;
  if (!PROFILE_FIELDS.some((f) => f in bd)) return { platform: 'instagram', externalId, stub: true, handle };
  const bio = str(bd.biography);
  const website = str(bd.website);
  const mediaCount = count(bd.media_count);
  return {
    platform: 'instagram',
    externalId,
    stub: false,
    handle,
    displayName: str(bd.name),
    bio,
    links: [...new Set([...(website ? [website] : []), ...urlsInText(bio)])],
    followersCount: count(bd.followers_count),
    followingCount: count(bd.follows_count),
    postsCount: mediaCount,
    details: { website, mediaCount: mediaCount === null ? null : Number(mediaCount) },
    observedAt,
  };
}

/** A counter that is present must be a count; absent (hidden, like a hidden like count) is null. */
const optionalCount = (m: Json, field: string): { ok: boolean; value: string | null } => {
  if (!(field in m) || m[field] === null) return { ok: true, value: null };
  const v = count(m[field]);
  return { ok: v !== null, value: v };
};

function addMedia(page: Page, authorExternalId: string, v: unknown) {
  const m = obj(v);
  const mediaId = id(m?.id);
  if (!m || !mediaId) return reject(page, v, 'without a media "id"');
  const postedAt = isoTime(m.timestamp);
  if (!postedAt) return reject(page, v, `${mediaId} without a valid "timestamp"`);
  const kind = instagramMediaKind(m);
  if (!kind) return reject(page, v, `${mediaId} of an unknown media_type ${JSON.stringify(m.media_type ?? null)}`);
  const likes = optionalCount(m, 'like_count');
  const comments = optionalCount(m, 'comments_count');
  if (!likes.ok || !comments.ok) return reject(page, v, `${mediaId} with a like_count or comments_count that is not a count`);
  const text = str(m.caption);
  const permalink = str(m.permalink);
  const post: PostObservation = {
    platform: 'instagram',
    externalId: mediaId,
    stub: false,
    authorExternalId,
    postedAt,
    text,
    hashtags: tagsInText(text),
    urls: permalink ? [permalink] : [],
    likeCount: likes.value,
    replyCount: comments.value,
    annotations: [{ media: { kind, permalink } }],
    observedAt: page.fetchedAt,
  };
  page.items.posts.push(post);
}

export function parseInstagramPage(page: Page): void {
  const body = obj(page.body);
  if (body && obj(body.error)) refuse(page, `is an error answer: ${str(body.error.message) ?? 'no message'} (code ${body.error.code ?? '?'})`);
  const bd = obj(body?.business_discovery);
  if (!bd) refuse(page, 'without a "business_discovery" object');
  if (!id(bd!.id)) refuse(page, 'without "business_discovery.id" (the IG user id)');
  const account = instagramAccount(bd!, page.fetchedAt);
  if (!account.stub) page.seen++;
  page.items.accounts.push(account);
  if (bd!.media === undefined || bd!.media === null) return;
  if (!obj(bd!.media)) refuse(page, 'with a "media" that is not an object { data, paging }');
  for (const m of list(page, 'data', bd!.media)) addMedia(page, account.externalId, m);
}
