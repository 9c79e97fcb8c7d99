import { emptyItems, type ParseOutcome } from '../model/graph-observation.js';
import { parseJsonPreservingBigInts } from '../reading/parse-json-preserving-big-ints.js';
import { arr, hashtag, isoTime, obj, str, uniq } from './field-readers.js';
import type { FormatParser } from './format-parser.js';

const PLATFORM = 'bluesky';

/** Bluesky collections we understand but do not import (no graph meaning for influence). */
const IGNORED_COLLECTIONS = new Set([
  'app.bsky.graph.block',
  'app.bsky.graph.list',
  'app.bsky.graph.listitem',
  'app.bsky.graph.listblock',
  'app.bsky.graph.starterpack',
  'app.bsky.feed.threadgate',
  'app.bsky.feed.postgate',
  'app.bsky.feed.generator',
  'app.bsky.actor.status',
  'app.bsky.labeler.service',
  'chat.bsky.actor.declaration',
]);

/** at://did:plc:xyz/app.bsky.feed.post/3abc -> { did, collection, rkey } */
export function parseAtUri(uri: unknown): { did: string; collection: string; rkey: string } | null {
  const m = typeof uri === 'string' ? /^at:\/\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(uri) : null;
  return m ? { did: m[1], collection: m[2], rkey: m[3] } : null;
}

const postUri = (did: string, rkey: string) => `at://${did}/app.bsky.feed.post/${rkey}`;

/** One Jetstream event: commit (post, like, repost, follow, profile; create/update/delete), identity, account. */
export function parseJetstreamEvent(value: unknown): ParseOutcome {
  const e = obj(value);
  const did = str(e?.did);
  if (!e || !did || !str(e.kind)) return { ok: false, reason: 'not a Jetstream event: needs "did" and "kind"' };
  const at = typeof e.time_us === 'number' ? new Date(Math.floor(e.time_us / 1000)).toISOString() : null;
  const items = emptyItems();
  // The author of a commit has been seen acting, even though Jetstream carries no profile: not a stub.
  const actorSeen = () => items.accounts.push({ platform: PLATFORM, externalId: did, stub: false });

  if (e.kind === 'identity') {
    const handle = str(obj(e.identity)?.handle);
    items.accounts.push({ platform: PLATFORM, externalId: did, stub: !handle, handle, observedAt: at });
    return { ok: true, items };
  }
  if (e.kind === 'account') {
    // Active/inactive changes carry no profile data; the account is at least known to exist.
    items.accounts.push({ platform: PLATFORM, externalId: did, stub: true });
    return { ok: true, items };
  }
  if (e.kind !== 'commit') return { ok: false, reason: `unknown Jetstream event kind "${e.kind}"` };

  const c = obj(e.commit);
  const collection = str(c?.collection);
  const operation = str(c?.operation);
  const rkey = str(c?.rkey);
  if (!c || !collection || !operation || !rkey) return { ok: false, reason: 'commit event without collection, operation or rkey' };
  const ref = `at://${did}/${collection}/${rkey}`;
  if (IGNORED_COLLECTIONS.has(collection)) {
    items.skipped = 1;
    return { ok: true, items };
  }
  if (!['app.bsky.feed.post', 'app.bsky.feed.like', 'app.bsky.feed.repost', 'app.bsky.graph.follow', 'app.bsky.actor.profile'].includes(collection)) {
    return { ok: false, reason: `unknown event type: collection "${collection}"` };
  }
  if (operation === 'delete') {
    const deletedAt = at ?? new Date(0).toISOString();
    if (collection === 'app.bsky.feed.post') items.deletions.push({ platform: PLATFORM, what: 'post', ref, deletedAt });
    else if (collection !== 'app.bsky.actor.profile') items.deletions.push({ platform: PLATFORM, what: 'interaction', ref, deletedAt });
    else items.skipped = 1;
    return { ok: true, items };
  }
  if (operation !== 'create' && operation !== 'update') return { ok: false, reason: `unknown commit operation "${operation}"` };
  const r = obj(c.record);
  if (!r) return { ok: false, reason: `${collection} ${operation} without a record` };
  const createdAt = isoTime(r.createdAt) ?? at;

  switch (collection) {
    case 'app.bsky.actor.profile': {
      items.accounts.push({
        platform: PLATFORM,
        externalId: did,
        stub: false,
        displayName: str(r.displayName),
        bio: str(r.description),
        links: uniq((str(r.description) ?? '').match(/https?:\/\/[^\s)]+/g) ?? []),
        observedAt: at,
      });
      return { ok: true, items };
    }
    case 'app.bsky.feed.post': {
      actorSeen();
      const facets = arr(r.facets).flatMap((f) => arr(f?.features));
      const mentions = uniq(facets.filter((f) => f?.$type === 'app.bsky.richtext.facet#mention').map((f) => str(f.did)));
      const links = uniq(facets.filter((f) => f?.$type === 'app.bsky.richtext.facet#link').map((f) => str(f.uri)));
      const tags = uniq([...facets.filter((f) => f?.$type === 'app.bsky.richtext.facet#tag').map((f) => hashtag(f.tag)), ...arr(r.tags).map(hashtag)]);
      const parent = parseAtUri(obj(obj(r.reply)?.parent)?.uri);
      const embed = obj(r.embed);
      const quoted = parseAtUri(obj(embed?.record)?.uri) ?? parseAtUri(obj(obj(embed?.record)?.record)?.uri);
      const externalLink = str(obj(embed?.external)?.uri);
      for (const m of mentions) items.accounts.push({ platform: PLATFORM, externalId: m, stub: true });
      const postId = postUri(did, rkey);
      for (const p of [parent, quoted]) {
        if (p && p.collection === 'app.bsky.feed.post') {
          items.accounts.push({ platform: PLATFORM, externalId: p.did, stub: true });
          items.posts.push({ platform: PLATFORM, externalId: postUri(p.did, p.rkey), stub: true, authorExternalId: p.did });
        }
      }
      items.posts.push({
        platform: PLATFORM,
        externalId: postId,
        stub: false,
        authorExternalId: did,
        postedAt: createdAt,
        text: str(r.text),
        language: str(arr(r.langs)[0]),
        hashtags: tags,
        mentionedExternalIds: mentions,
        urls: uniq([...links, externalLink]),
        replyToExternalId: parent?.collection === 'app.bsky.feed.post' ? postUri(parent.did, parent.rkey) : null,
        quoteOfExternalId: quoted?.collection === 'app.bsky.feed.post' ? postUri(quoted.did, quoted.rkey) : null,
      });
      for (const m of mentions) {
        items.interactions.push({ platform: PLATFORM, type: 'mention', actorExternalId: did, targetExternalId: m, postExternalId: postId, occurredAt: createdAt });
      }
      return { ok: true, items };
    }
    case 'app.bsky.feed.like':
    case 'app.bsky.feed.repost': {
      const subject = parseAtUri(obj(r.subject)?.uri);
      if (!subject) return { ok: false, reason: `${collection} record without a subject uri` };
      if (subject.collection !== 'app.bsky.feed.post') {
        items.skipped = 1; // likes of feed generators, lists... are not engagement with a person's post
        return { ok: true, items };
      }
      actorSeen();
      items.accounts.push({ platform: PLATFORM, externalId: subject.did, stub: true });
      const subjectPost = postUri(subject.did, subject.rkey);
      items.posts.push({ platform: PLATFORM, externalId: subjectPost, stub: true, authorExternalId: subject.did });
      items.interactions.push({
        platform: PLATFORM,
        type: collection === 'app.bsky.feed.like' ? 'like' : 'repost',
        actorExternalId: did,
        targetExternalId: subject.did,
        postExternalId: subjectPost,
        occurredAt: createdAt,
        sourceRef: ref,
      });
      return { ok: true, items };
    }
    case 'app.bsky.graph.follow': {
      const subject = str(r.subject);
      if (!subject) return { ok: false, reason: 'follow record without a subject did' };
      actorSeen();
      items.accounts.push({ platform: PLATFORM, externalId: subject, stub: true });
      items.interactions.push({ platform: PLATFORM, type: 'follow', actorExternalId: did, targetExternalId: subject, occurredAt: createdAt, sourceRef: ref });
      return { ok: true, items };
    }
  }
  return { ok: false, reason: `unknown event type: collection "${collection}"` };
}

export const blueskyJetstreamFormat: FormatParser = {
  name: 'bluesky-jetstream',
  description: 'Bluesky Jetstream events, JSON Lines (posts, likes, reposts, follows, profile updates, deletes, identity, account)',
  unit: 'json',
  sniff(sample) {
    const v = obj(sample);
    return !!v && typeof v.did === 'string' && typeof v.kind === 'string' && 'time_us' in v;
  },
  create() {
    return { parse: (record) => parseJetstreamEvent(parseJsonPreservingBigInts(record.raw)) };
  },
};
