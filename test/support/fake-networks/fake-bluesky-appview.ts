import { randomBytes } from 'node:crypto';
import { matchesQuery, startFakeServer, type FakeAnswer, type FakeRequest, type FakeServer, type RateLimit } from './fake-network-server.js';

/**
 * A local stand-in for the Bluesky public AppView (https://public.api.bsky.app/xrpc/...), serving a fixed world
 * in the lexicons' shapes (atproto lexicons/app/bsky/actor/defs.json, feed/defs.json, graph/*.json).
 *
 * What it reproduces from the real service:
 * - Errors are XRPC JSON `{ error, message }`: unknown actor -> 400 InvalidRequest "Profile not found";
 *   taken-down actor -> 400 AccountTakedown "Account has been suspended" (bsky appview `getProfile`); failed
 *   lexicon validation -> 400 InvalidRequest "Error: ..." (limit above the lexicon maximum is an error, not a clamp);
 *   unknown method -> 501 MethodNotImplemented.
 * - `getProfiles` silently drops actors it cannot show (the lexicon allows up to 25 `actors`).
 * - List views (followers, follows, likes, reposts, search) leave out taken-down actors, as hydration does.
 *   A DELETED actor is still listed in follows/likes with its last known view (the index lagging behind the
 *   deletion), while getProfile / getAuthorFeed say "Profile not found": the case a crawler must survive.
 * - `!no-unauthenticated` is a self-label: the AppView still serves such an account to anonymous callers, with
 *   the label in `labels` of every view of it (only threads are gated, bsky `views.noUnauthenticatedPost`); it
 *   is the client's job to honour it.
 * - `app.bsky.feed.searchPosts` is refused (403) without `Authorization: Bearer` on the public host (atproto
 *   issues 3423, 3583); a token from `com.atproto.server.createSession` (which really lives on the PDS) works.
 * - Cursors are opaque keyset strings (`<ms>::<cid or rkey>`, like the AppView's TimeCidKeyset); a page with no
 *   more after it carries no cursor (option `trailingCursor` makes every non-empty page carry one, which the
 *   real AppView also does on some routes).
 */

export interface BlueskyActorRecord {
  did: string;
  handle: string;
  displayName: string;
  description: string;
  avatar: string;
  banner: string;
  createdAt: string;
  indexedAt: string;
  followersCount: number;
  followsCount: number;
  postsCount: number;
  /** Self-label values, e.g. `!no-unauthenticated`. */
  selfLabels: string[];
  /** The cid of the profile record (self-labels point at it). */
  profileCid: string;
  status: 'active' | 'deleted' | 'takendown';
}

export type BlueskyFacetFeature =
  | { $type: 'app.bsky.richtext.facet#tag'; tag: string }
  | { $type: 'app.bsky.richtext.facet#mention'; did: string }
  | { $type: 'app.bsky.richtext.facet#link'; uri: string };

export interface BlueskyFacet {
  /** UTF-8 byte offsets into the text (https://docs.bsky.app/docs/advanced-guides/post-richtext). */
  index: { byteStart: number; byteEnd: number };
  features: BlueskyFacetFeature[];
}

export interface BlueskyPostRecord {
  did: string;
  rkey: string;
  cid: string;
  text: string;
  createdAt: string;
  indexedAt: string;
  langs: string[];
  facets: BlueskyFacet[];
  likeCount: number;
  repostCount: number;
  replyCount: number;
  quoteCount: number;
  /** A quote post embeds the quoted post (app.bsky.embed.record). */
  quote?: { uri: string; cid: string };
}

/** A like, repost or follow record: `did` made it, `subject` is a post at-uri (like, repost) or a DID (follow). */
export interface BlueskyGraphRecord {
  did: string;
  rkey: string;
  cid: string;
  subject: string;
  createdAt: string;
}

export interface BlueskyWorld {
  actors: BlueskyActorRecord[];
  posts: BlueskyPostRecord[];
  likes: BlueskyGraphRecord[];
  reposts: BlueskyGraphRecord[];
  follows: BlueskyGraphRecord[];
}

export interface FakeBlueskyOptions {
  rateLimit?: RateLimit | null;
  latencyMs?: number;
  /** The account that may create a session (com.atproto.server.createSession). */
  appPassword?: { identifier: string; password: string };
  /** Return a cursor on every non-empty page, even the last one (the client must then stop on an empty page). */
  trailingCursor?: boolean;
}

export interface FakeBlueskyAppView extends FakeServer {
  /** Change an actor's handle: the old handle then resolves to nothing ("Profile not found"), the DID still works. */
  renameHandle(did: string, newHandle: string): void;
  /** Access tokens handed out by createSession. */
  readonly sessions: ReadonlySet<string>;
}

export const postUri = (did: string, rkey: string) => `at://${did}/app.bsky.feed.post/${rkey}`;

class XrpcError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

const invalid = (message: string) => new XrpcError(400, 'InvalidRequest', message);
const notFound = () => new XrpcError(400, 'InvalidRequest', 'Profile not found');

/** Keyset key: sorts newest first as a string (ms padded to 13 digits), opaque to clients. */
const keyOf = (iso: string, tie: string) => `${String(Date.parse(iso)).padStart(13, '0')}::${tie}`;

export async function startFakeBlueskyAppView(world: BlueskyWorld, options: FakeBlueskyOptions = {}): Promise<FakeBlueskyAppView> {
  // Copies, so renameHandle does not change the caller's world.
  const actors = new Map(world.actors.map((a) => [a.did, { ...a }]));
  const byHandle = new Map([...actors.values()].map((a) => [a.handle.toLowerCase(), a.did]));
  const posts = new Map(world.posts.map((p) => [postUri(p.did, p.rkey), p]));
  const sessions = new Set<string>();

  // ---- lookups ----
  const isDid = (s: string) => /^did:[a-z]+:[a-zA-Z0-9._:%-]+$/.test(s);
  const isHandle = (s: string) => /^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/.test(s);

  function findActor(actor: string) {
    if (!isDid(actor) && !isHandle(actor)) throw invalid('Error: actor must be a valid did or a handle');
    const did = isDid(actor) ? actor : byHandle.get(actor.toLowerCase());
    return did ? actors.get(did) : undefined;
  }

  /** The actor for a single-actor route: errors as getProfile. */
  function viewableActor(actor: string) {
    const a = findActor(actor);
    if (!a || a.status === 'deleted') throw notFound();
    if (a.status === 'takendown') throw new XrpcError(400, 'AccountTakedown', 'Account has been suspended');
    return a;
  }

  /** Whether a list may show the actor (taken-down actors are dropped; deleted ones linger in the index). */
  const listable = (did: string) => {
    const a = actors.get(did);
    return !!a && a.status !== 'takendown';
  };

  // ---- views (app.bsky.actor.defs) ----
  const labelsOf = (a: BlueskyActorRecord) =>
    a.selfLabels.map((val) => ({ src: a.did, uri: `at://${a.did}/app.bsky.actor.profile/self`, cid: a.profileCid, val, cts: a.createdAt }));

  const viewer = { muted: false, blockedBy: false };

  function profileViewBasic(a: BlueskyActorRecord) {
    return { did: a.did, handle: a.handle, displayName: a.displayName, avatar: a.avatar, associated: { chat: { allowIncoming: 'following' } }, viewer, labels: labelsOf(a), createdAt: a.createdAt };
  }

  function profileView(a: BlueskyActorRecord) {
    return { did: a.did, handle: a.handle, displayName: a.displayName, description: a.description, avatar: a.avatar, associated: { chat: { allowIncoming: 'following' } }, indexedAt: a.indexedAt, createdAt: a.createdAt, viewer, labels: labelsOf(a) };
  }

  function profileViewDetailed(a: BlueskyActorRecord) {
    return {
      did: a.did,
      handle: a.handle,
      displayName: a.displayName,
      description: a.description,
      avatar: a.avatar,
      banner: a.banner,
      followersCount: a.followersCount,
      followsCount: a.followsCount,
      postsCount: a.postsCount,
      associated: { lists: 0, feedgens: 0, starterPacks: 0, labeler: false, chat: { allowIncoming: 'following' } },
      indexedAt: a.indexedAt,
      createdAt: a.createdAt,
      viewer,
      labels: labelsOf(a),
    };
  }

  function postView(p: BlueskyPostRecord): Record<string, unknown> {
    const author = actors.get(p.did)!;
    const record: Record<string, unknown> = { $type: 'app.bsky.feed.post', createdAt: p.createdAt, langs: p.langs, text: p.text };
    if (p.facets.length) record.facets = p.facets.map((f) => ({ $type: 'app.bsky.richtext.facet', ...f }));
    const view: Record<string, unknown> = {
      uri: postUri(p.did, p.rkey),
      cid: p.cid,
      author: profileViewBasic(author),
      record,
      replyCount: p.replyCount,
      repostCount: p.repostCount,
      likeCount: p.likeCount,
      quoteCount: p.quoteCount,
      indexedAt: p.indexedAt,
      viewer: { threadMuted: false, embeddingDisabled: false },
      labels: [],
    };
    if (p.quote) {
      record.embed = { $type: 'app.bsky.embed.record', record: { uri: p.quote.uri, cid: p.quote.cid } };
      const quoted = posts.get(p.quote.uri);
      const quotedAuthor = quoted && actors.get(quoted.did);
      view.embed = {
        $type: 'app.bsky.embed.record#view',
        record:
          quoted && quotedAuthor && quotedAuthor.status === 'active'
            ? {
                $type: 'app.bsky.embed.record#viewRecord',
                uri: p.quote.uri,
                cid: quoted.cid,
                author: profileViewBasic(quotedAuthor),
                value: { $type: 'app.bsky.feed.post', createdAt: quoted.createdAt, langs: quoted.langs, text: quoted.text },
                labels: [],
                likeCount: quoted.likeCount,
                replyCount: quoted.replyCount,
                repostCount: quoted.repostCount,
                quoteCount: quoted.quoteCount,
                indexedAt: quoted.indexedAt,
                embeds: [],
              }
            : { $type: 'app.bsky.embed.record#viewNotFound', uri: p.quote.uri, notFound: true },
      };
    }
    return view;
  }

  // ---- params ----
  function required(req: FakeRequest, name: string): string {
    const v = req.query.get(name);
    if (v === null || v === '') throw invalid(`Error: Params must have the property "${name}"`);
    return v;
  }

  function limitOf(req: FakeRequest, dflt: number, max: number): number {
    const raw = req.query.get('limit');
    if (raw === null) return dflt;
    if (!/^-?\d+$/.test(raw)) throw invalid('Error: limit must be an integer');
    const n = Number(raw);
    if (n > max) throw invalid(`Error: limit can not be greater than ${max}`);
    if (n < 1) throw invalid('Error: limit can not be less than 1');
    return n;
  }

  function atUriOf(req: FakeRequest): string {
    const uri = required(req, 'uri');
    if (!/^at:\/\/[^/]+\/[a-z0-9.]+\/[^/]+$/i.test(uri)) throw invalid('Error: uri must be a valid at-uri');
    return uri;
  }

  /** Keyset paging over items sorted newest first by `key`. */
  function page<T>(req: FakeRequest, items: Array<{ key: string; item: T }>, limit: number): { slice: T[]; cursor?: string } {
    const cursor = req.query.get('cursor');
    if (cursor !== null && cursor !== '' && !/^\d{13}::\S+$/.test(cursor)) throw invalid('Malformed cursor');
    const sorted = [...items].sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
    const rest = cursor ? sorted.filter((x) => x.key < cursor) : sorted;
    const slice = rest.slice(0, limit);
    const more = rest.length > limit;
    const last = slice.at(-1);
    return { slice: slice.map((x) => x.item), cursor: last && (more || options.trailingCursor) ? last.key : undefined };
  }

  const withCursor = (body: Record<string, unknown>, cursor: string | undefined) => (cursor ? { cursor, ...body } : body);

  // ---- methods ----
  const handlers: Record<string, (req: FakeRequest) => unknown> = {
    'app.bsky.actor.getProfile': (req) => profileViewDetailed(viewableActor(required(req, 'actor'))),

    'app.bsky.actor.getProfiles': (req) => {
      const wanted = req.query.getAll('actors');
      if (!wanted.length) throw invalid('Error: Params must have the property "actors"');
      if (wanted.length > 25) throw invalid('Error: actors must not have more than 25 elements');
      const found = wanted.map((w) => findActor(w)).filter((a): a is BlueskyActorRecord => !!a && a.status === 'active');
      return { profiles: found.map(profileViewDetailed) };
    },

    'app.bsky.actor.searchActors': (req) => {
      const q = req.query.get('q') ?? req.query.get('term') ?? '';
      const limit = limitOf(req, 25, 100);
      const raw = req.query.get('cursor');
      const offset = raw ? Number(raw) : 0;
      if (!Number.isInteger(offset) || offset < 0) throw invalid('Malformed cursor');
      if (!q.trim()) return { actors: [] };
      const hits = [...actors.values()]
        .filter((a) => a.status === 'active' && matchesQuery(q, [a.handle, a.displayName, a.description]))
        .sort((a, b) => b.followersCount - a.followersCount || (a.did < b.did ? -1 : 1));
      const slice = hits.slice(offset, offset + limit);
      const next = offset + limit < hits.length || (options.trailingCursor && slice.length) ? String(offset + slice.length) : undefined;
      return withCursor({ actors: slice.map(profileView) }, next);
    },

    'app.bsky.feed.getAuthorFeed': (req) => {
      const actor = viewableActor(required(req, 'actor'));
      const limit = limitOf(req, 50, 100);
      const filter = req.query.get('filter') ?? 'posts_with_replies';
      // The world has no media and no replies: media filters are empty, the others all show posts and reposts.
      if (filter === 'posts_with_media' || filter === 'posts_with_video') return { feed: [] };
      const own = world.posts.filter((p) => p.did === actor.did).map((p) => ({ key: keyOf(p.createdAt, p.cid), item: { post: postView(p) } as Record<string, unknown> }));
      const reposted = world.reposts
        .filter((r) => r.did === actor.did && posts.has(r.subject) && listable(posts.get(r.subject)!.did))
        .map((r) => ({
          key: keyOf(r.createdAt, r.cid),
          item: {
            post: postView(posts.get(r.subject)!),
            reason: { $type: 'app.bsky.feed.defs#reasonRepost', by: profileViewBasic(actor), uri: `at://${actor.did}/app.bsky.feed.repost/${r.rkey}`, cid: r.cid, indexedAt: r.createdAt },
          },
        }));
      const { slice, cursor } = page(req, [...own, ...reposted], limit);
      return withCursor({ feed: slice }, cursor);
    },

    'app.bsky.feed.getLikes': (req) => {
      const uri = atUriOf(req);
      const limit = limitOf(req, 50, 100);
      const post = posts.get(uri);
      const items = world.likes
        .filter((l) => l.subject === uri && listable(l.did))
        .map((l) => ({ key: keyOf(l.createdAt, l.cid), item: { indexedAt: l.createdAt, createdAt: l.createdAt, actor: profileView(actors.get(l.did)!) } }));
      const { slice, cursor } = page(req, items, limit);
      return withCursor({ uri, ...(post ? { cid: post.cid } : {}), likes: slice }, cursor);
    },

    'app.bsky.feed.getRepostedBy': (req) => {
      const uri = atUriOf(req);
      const limit = limitOf(req, 50, 100);
      const post = posts.get(uri);
      const items = world.reposts.filter((r) => r.subject === uri && listable(r.did)).map((r) => ({ key: keyOf(r.createdAt, r.cid), item: profileView(actors.get(r.did)!) }));
      const { slice, cursor } = page(req, items, limit);
      return withCursor({ uri, ...(post ? { cid: post.cid } : {}), repostedBy: slice }, cursor);
    },

    'app.bsky.feed.getQuotes': (req) => {
      const uri = atUriOf(req);
      const limit = limitOf(req, 50, 100);
      const post = posts.get(uri);
      const items = world.posts.filter((p) => p.quote?.uri === uri && actors.get(p.did)?.status === 'active').map((p) => ({ key: keyOf(p.indexedAt, p.cid), item: postView(p) }));
      const { slice, cursor } = page(req, items, limit);
      return withCursor({ uri, ...(post ? { cid: post.cid } : {}), posts: slice }, cursor);
    },

    'app.bsky.graph.getFollowers': (req) => {
      const subject = viewableActor(required(req, 'actor'));
      const limit = limitOf(req, 50, 100);
      const items = world.follows.filter((f) => f.subject === subject.did && listable(f.did)).map((f) => ({ key: keyOf(f.createdAt, f.rkey), item: profileView(actors.get(f.did)!) }));
      const { slice, cursor } = page(req, items, limit);
      return withCursor({ subject: profileView(subject), followers: slice }, cursor);
    },

    'app.bsky.graph.getFollows': (req) => {
      const subject = viewableActor(required(req, 'actor'));
      const limit = limitOf(req, 50, 100);
      const items = world.follows.filter((f) => f.did === subject.did && listable(f.subject)).map((f) => ({ key: keyOf(f.createdAt, f.rkey), item: profileView(actors.get(f.subject)!) }));
      const { slice, cursor } = page(req, items, limit);
      return withCursor({ subject: profileView(subject), follows: slice }, cursor);
    },

    'com.atproto.identity.resolveHandle': (req) => {
      const handle = required(req, 'handle');
      if (!isHandle(handle)) throw invalid('Error: handle must be a valid handle');
      const did = byHandle.get(handle.toLowerCase());
      const a = did ? actors.get(did) : undefined;
      if (!a || a.status === 'deleted') throw invalid('Unable to resolve handle');
      return { did: a.did };
    },

    'app.bsky.feed.searchPosts': (req) => {
      const auth = req.headers.authorization ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice(7) : null;
      // The public host refuses anonymous post search outright (atproto issue 3423); the exact body is a guess.
      if (!token) throw new XrpcError(403, 'AuthMissing', 'Request forbidden by administrative rules.');
      if (!sessions.has(token)) throw new XrpcError(400, 'ExpiredToken', 'Token could not be verified');
      const q = required(req, 'q');
      const limit = limitOf(req, 25, 100);
      const raw = req.query.get('cursor');
      const offset = raw ? Number(raw) : 0;
      if (!Number.isInteger(offset) || offset < 0) throw invalid('Malformed cursor');
      const tagQuery = q.trim().startsWith('#') ? q.trim().slice(1).toLowerCase() : null;
      const hits = world.posts
        .filter((p) => actors.get(p.did)?.status === 'active')
        .filter((p) => {
          const tags = p.facets.flatMap((f) => f.features).flatMap((f) => (f.$type === 'app.bsky.richtext.facet#tag' ? [f.tag.toLowerCase()] : []));
          return tagQuery ? tags.includes(tagQuery) : matchesQuery(q, [p.text]);
        })
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
      const slice = hits.slice(offset, offset + limit);
      return withCursor({ hitsTotal: hits.length, posts: slice.map(postView) }, offset + limit < hits.length ? String(offset + limit) : undefined);
    },
  };

  function createSession(req: FakeRequest): FakeAnswer {
    const body = (req.body ?? {}) as { identifier?: string; password?: string };
    if (!body.identifier || !body.password) return { status: 400, body: { error: 'InvalidRequest', message: 'Input must have the property "identifier"' } };
    const creds = options.appPassword;
    const actor = creds && findActorSafe(creds.identifier);
    if (!creds || body.identifier !== creds.identifier || body.password !== creds.password) {
      return { status: 401, body: { error: 'AuthenticationRequired', message: 'Invalid identifier or password' } };
    }
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const did = actor?.did ?? 'did:plc:fakesessionaccount000000';
    const accessJwt = `${b64({ typ: 'at+jwt', alg: 'ES256K' })}.${b64({ scope: 'com.atproto.appPass', sub: did, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 7200 })}.${randomBytes(32).toString('base64url')}`;
    sessions.add(accessJwt);
    return { status: 200, body: { did, handle: actor?.handle ?? creds.identifier, email: 'renown-test@example.com', emailConfirmed: true, accessJwt, refreshJwt: `${accessJwt}.refresh`, active: true } };
  }

  function findActorSafe(id: string) {
    try {
      return findActor(id);
    } catch {
      return undefined;
    }
  }

  const server = await startFakeServer(
    (req) => {
      const m = /^\/xrpc\/([a-zA-Z0-9.]+)$/.exec(req.path);
      if (!m) return { status: 404, raw: 'Not Found', contentType: 'text/plain' };
      const method = m[1];
      if (method === 'com.atproto.server.createSession') {
        if (req.method !== 'POST') return { status: 400, body: { error: 'InvalidRequest', message: 'Incorrect HTTP method (GET) expected POST' } };
        return createSession(req);
      }
      const handler = handlers[method];
      if (!handler) return { status: 501, body: { error: 'MethodNotImplemented', message: 'Method Not Implemented' } };
      if (req.method !== 'GET') return { status: 400, body: { error: 'InvalidRequest', message: `Incorrect HTTP method (${req.method}) expected GET` } };
      try {
        return { status: 200, body: handler(req) };
      } catch (err) {
        if (err instanceof XrpcError) return { status: err.status, body: { error: err.error, message: err.message } };
        throw err;
      }
    },
    { network: 'bluesky', rateLimit: options.rateLimit, latencyMs: options.latencyMs },
  );

  return Object.assign(server, {
    sessions,
    renameHandle(did: string, newHandle: string) {
      const a = actors.get(did);
      if (!a) throw new Error(`fake Bluesky: no actor ${did}`);
      byHandle.delete(a.handle.toLowerCase());
      a.handle = newHandle;
      a.indexedAt = new Date().toISOString();
      byHandle.set(newHandle.toLowerCase(), did);
    },
  });
}
