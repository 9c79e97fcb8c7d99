import { PoliteHttpClient } from '../../libs/sources/src/http/polite-http-client.js';
import { BlueskyConnector } from '../../libs/sources/src/networks/bluesky/bluesky-connector.js';
import { createConnector, PUBLISHED_LIMITS } from '../../libs/sources/src/networks/create-connector.js';
import { MalformedPageError } from '../../libs/sources/src/networks/malformed-page.error.js';
import { MastodonConnector } from '../../libs/sources/src/networks/mastodon/mastodon-connector.js';
import type { AccountFetch, Candidate, SeedPage } from '../../libs/sources/src/networks/network-connector.js';
import { SEARCH_SEEDS, buildAutomotiveWorld, startFakeBlueskyAppView, startFakeMastodonInstance, type FakeBlueskyAppView, type FakeMastodonInstance } from '../support/fake-networks/index.js';

/*
 * The Bluesky connector against the fake AppView serving the automotive world (the Mastodon connector has its own
 * spec, mastodon-connector.spec.ts), and createConnector for both networks: search finds car people, an account
 * comes back as its profile, posts, engager and follow pages with its neighbours, and the accounts Renown must not
 * read (deleted, suspended, opted out) come back as such with nothing more fetched.
 */
const UA = 'Renown-test/1 (+http://example.test/contact)';
const LIMIT = { requests: 10_000, windowSeconds: 60 };
const world = buildAutomotiveWorld();
const carPeople = world.carPeople('bluesky').filter((p) => !p.special);
const seedPerson = carPeople.find((p) => p.findableBySearch)!;
const APP_PASSWORD = 'abcd-efgh-ijkl-mnop';

const fetched = (got: AccountFetch) => {
  if (got.status !== 'fetched') throw new Error(`expected fetched, got ${got.status}: ${got.message}`);
  return got;
};

describe('BlueskyConnector', () => {
  let bsky: FakeBlueskyAppView;
  let anon: BlueskyConnector;
  let signedIn: BlueskyConnector;
  const clients: PoliteHttpClient[] = [];
  const client = () => {
    const c = new PoliteHttpClient({ userAgent: UA, limit: LIMIT, minBackoffMs: 10, maxBackoffMs: 50 });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    bsky = await startFakeBlueskyAppView(world.bluesky, { rateLimit: LIMIT, appPassword: { identifier: seedPerson.handle, password: APP_PASSWORD }, trailingCursor: true });
    anon = new BlueskyConnector({ appviewUrl: bsky.url, http: client() });
    signedIn = new BlueskyConnector({ appviewUrl: bsky.url, http: client(), appPassword: { handle: seedPerson.handle, password: APP_PASSWORD } });
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await bsky?.close();
  });

  async function allSeedPages(connector: BlueskyConnector, term: string) {
    const pages: SeedPage[] = [];
    let cursor: string | null = null;
    do {
      const page: SeedPage = await connector.searchAccounts(term, cursor);
      pages.push(page);
      cursor = page.cursor;
    } while (cursor && pages.length < 50);
    return pages;
  }

  it('finds car people for "cars" through searchActors, paging its cursor to the end', async () => {
    const before = bsky.requests.length;
    const pages = await allSeedPages(anon, 'cars');
    const candidates = pages.flatMap((p) => p.candidates);
    expect(pages.flatMap((p) => p.pages).every((p) => p.method === 'app.bsky.actor.searchActors' && p.network === 'bluesky')).toBe(true);
    expect(pages.at(-1)!.cursor).toBeNull();
    expect(pages.flatMap((p) => p.quarantined)).toEqual([]);
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.every((c: Candidate) => c.ref.startsWith('did:') && c.via === 'search')).toBe(true);
    const cars = new Set(world.carPeople('bluesky').map((p) => p.id));
    expect(candidates.filter((c) => cars.has(c.ref)).length).toBeGreaterThan(candidates.length / 2);
    const sent = bsky.requests.slice(before);
    expect(sent.every((r) => r.path === '/xrpc/app.bsky.actor.searchActors' && r.query.limit === '100' && r.query.q === 'cars' && r.authorization === null)).toBe(true);
    // Never post search without a session.
    expect(bsky.requests.some((r) => r.path.endsWith('searchPosts'))).toBe(false);
  });

  it('finds every person search can find over the seed terms (#EV as EV)', async () => {
    const found = new Set<string>();
    for (const term of SEARCH_SEEDS) for (const page of await allSeedPages(anon, term)) for (const c of page.candidates) found.add(c.ref);
    const findable = world.people.bluesky.filter((p) => p.findableBySearch && p.special !== 'deleted' && p.special !== 'suspended');
    expect(findable.length).toBeGreaterThan(0);
    for (const p of findable) expect(found).toContain(p.id);
  });

  it('with an app password, goes on from actor search to post search through a session', async () => {
    const before = bsky.requests.length;
    const pages = await allSeedPages(signedIn, 'cars');
    const postPages = pages.filter((p) => p.pages.some((pg) => pg.method === 'app.bsky.feed.searchPosts'));
    expect(postPages.length).toBeGreaterThan(0);
    const viaPosts = postPages.flatMap((p) => p.candidates);
    expect(viaPosts.length).toBeGreaterThan(0);
    expect(viaPosts.every((c) => c.via === 'post-search' && c.ref.startsWith('did:'))).toBe(true);
    const sent = bsky.requests.slice(before);
    expect(sent.filter((r) => r.path === '/xrpc/com.atproto.server.createSession')).toHaveLength(1);
    const search = sent.filter((r) => r.path === '/xrpc/app.bsky.feed.searchPosts');
    expect(search.length).toBeGreaterThan(0);
    expect(search.every((r) => r.status === 200 && /^Bearer .+/.test(r.authorization ?? ''))).toBe(true);
    // The token goes in a header, never in a page's URL.
    expect(postPages.flatMap((p) => p.pages).every((pg) => !/jwt|token/i.test(pg.url))).toBe(true);
    // Reads other than post search stay anonymous.
    expect(sent.filter((r) => r.path.endsWith('searchActors')).every((r) => r.authorization === null)).toBe(true);
  });

  it('fetches a car person: profile, posts with hashtags, engager and follow pages, and neighbours', async () => {
    const person = [...carPeople].sort((a, b) => b.followersCount - a.followersCount)[0];
    const before = bsky.requests.length;
    const got = fetched(await anon.fetchAccount(person.handle));

    expect(got).toMatchObject({ externalId: person.id, handle: person.handle, displayName: person.displayName, followersCount: person.followersCount });
    expect(got.bio).toBeTruthy();
    expect(got.posts).toHaveLength(12);
    expect(got.posts.every((p) => p.text.length > 0)).toBe(true);
    expect(got.posts.some((p) => p.hashtags.length > 0)).toBe(true);
    expect(got.posts.flatMap((p) => p.hashtags).every((t) => t === t.toLowerCase() && !t.startsWith('#'))).toBe(true);
    expect(got.quarantined).toEqual([]);

    const methods = got.pages.map((p) => p.method);
    expect(methods[0]).toBe('app.bsky.actor.getProfile');
    for (const m of ['app.bsky.feed.getAuthorFeed', 'app.bsky.feed.getLikes', 'app.bsky.graph.getFollowers', 'app.bsky.graph.getFollows'] as const) expect(methods).toContain(m);
    expect(got.pages.every((p) => p.network === 'bluesky' && p.url.startsWith(bsky.url) && !Number.isNaN(Date.parse(p.fetchedAt)))).toBe(true);
    // One fetch is one observation: its pages share the time it began, so the import adds one history row for it.
    expect(new Set(got.pages.map((p) => p.fetchedAt)).size).toBe(1);
    const likes = got.pages.find((p) => p.method === 'app.bsky.feed.getLikes')!.body as { uri: string; likes: { actor: { did: string } }[] };
    expect(likes.uri).toMatch(new RegExp(`^at://${person.id}/app\\.bsky\\.feed\\.post/`));

    const refs = got.neighbours.map((n) => n.ref);
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs).not.toContain(person.id);
    for (const l of likes.likes) expect(refs).toContain(l.actor.did);
    const vias = new Set(got.neighbours.map((n) => n.via));
    expect(vias).toContain('engager');
    expect(vias).toContain('follower');
    const follows = got.pages.filter((p) => p.method === 'app.bsky.graph.getFollows').flatMap((p) => (p.body as { follows: { did: string }[] }).follows);
    for (const f of follows) expect(refs).toContain(f.did);

    const sent = bsky.requests.slice(before);
    expect(sent[0]).toMatchObject({ path: '/xrpc/app.bsky.actor.getProfile', query: { actor: person.handle } });
    expect(sent.find((r) => r.path.endsWith('getAuthorFeed'))!.query).toMatchObject({ actor: person.id, filter: 'posts_with_replies' });
    expect(sent.every((r) => r.userAgent === UA && r.status === 200)).toBe(true);
  });

  it('keeps to the limits: engagers of at most maxEngagedPosts posts, at most maxFollowers, posts since the window', async () => {
    const person = carPeople[1];
    const before = bsky.requests.length;
    const got = fetched(await anon.fetchAccount(person.id, { maxEngagedPosts: 1, maxFollowers: 2, maxPosts: 5 }));
    const sent = bsky.requests.slice(before);
    const engagedUris = new Set(sent.filter((r) => /getLikes|getRepostedBy|getQuotes/.test(r.path)).map((r) => r.query.uri));
    expect(engagedUris.size).toBeLessThanOrEqual(1);
    expect(got.posts.length).toBeLessThanOrEqual(5);
    for (const r of sent.filter((r) => /getFollowers|getFollows/.test(r.path))) expect(Number(r.query.limit)).toBeLessThanOrEqual(2);
    const followerPages = got.pages.filter((p) => p.method === 'app.bsky.graph.getFollowers');
    expect(followerPages.flatMap((p) => (p.body as { followers: unknown[] }).followers).length).toBeLessThanOrEqual(2);

    const none = fetched(await anon.fetchAccount(person.id, { postsSinceDays: 0, maxFollowers: 0 }));
    expect(none.posts).toEqual([]);
    expect(none.pages.some((p) => p.method === 'app.bsky.graph.getFollowers')).toBe(false);
  });

  it('reports a deleted account as not found and a taken-down one as suspended, after one request each', async () => {
    const deleted = world.special('bluesky', 'deleted');
    const suspended = world.special('bluesky', 'suspended');
    let before = bsky.requests.length;
    const gone = await anon.fetchAccount(deleted.id);
    expect(gone).toMatchObject({ status: 'not-found', externalId: deleted.id, quarantined: [] });
    expect(gone.status !== 'fetched' && gone.message).toMatch(/does not exist/);
    expect(bsky.requests.length - before).toBe(1);
    before = bsky.requests.length;
    const banned = await anon.fetchAccount(suspended.handle);
    expect(banned).toMatchObject({ status: 'suspended', handle: suspended.handle });
    expect(bsky.requests.length - before).toBe(1);
  });

  it('honours !no-unauthenticated: opted-out with nothing else fetched, and flags such neighbours', async () => {
    const optedOut = world.special('bluesky', 'opted-out');
    const before = bsky.requests.length;
    const got = await anon.fetchAccount(optedOut.handle);
    expect(got).toMatchObject({ status: 'opted-out', externalId: optedOut.id, handle: optedOut.handle });
    expect(got.status !== 'fetched' && got.message).toMatch(/logged-out/);
    expect(bsky.requests.length - before).toBe(1);

    // Someone the opted-out account follows or is followed by lists it as a neighbour, flagged.
    const edge = world.bluesky.follows.find((f) => f.subject === optedOut.id && carPeople.some((p) => p.id === f.did)) ?? world.bluesky.follows.find((f) => f.did === optedOut.id && carPeople.some((p) => p.id === f.subject));
    if (!edge) throw new Error('the world has no follow edge between a car person and the opted-out account');
    const other = edge.subject === optedOut.id ? edge.did : edge.subject;
    const near = fetched(await anon.fetchAccount(other, { maxFollowers: 100, maxEngagedPosts: 0 }));
    const flagged = near.neighbours.find((n) => n.ref === optedOut.id);
    expect(flagged).toMatchObject({ optedOut: true });
    expect(near.neighbours.filter((n) => n.ref !== optedOut.id).every((n) => n.optedOut === false)).toBe(true);
  });

  it('quarantines a malformed feed page with its URL and goes on with the rest', async () => {
    const person = carPeople[2];
    bsky.inject({ match: `getAuthorFeed?actor=${encodeURIComponent(person.id)}`, kind: 'malformed' });
    const got = fetched(await anon.fetchAccount(person.id));
    expect(got.quarantined).toHaveLength(1);
    expect(got.quarantined[0].url).toContain('/xrpc/app.bsky.feed.getAuthorFeed?');
    expect(got.quarantined[0].url).toContain(encodeURIComponent(person.id));
    expect(got.quarantined[0].reason).toMatch(/not JSON/);
    expect(got.quarantined[0].raw.length).toBeGreaterThan(0);
    expect(got.posts).toEqual([]);
    expect(got.pages.some((p) => p.method === 'app.bsky.feed.getAuthorFeed')).toBe(false);
    expect(got.pages.some((p) => p.method === 'app.bsky.graph.getFollowers')).toBe(true);
  });

  it('quarantines a page of the wrong shape (getFollows without `follows`)', async () => {
    const person = carPeople[3];
    bsky.inject({ match: /getFollows\?actor=/, kind: 'wrong-shape' });
    const got = fetched(await anon.fetchAccount(person.id, { maxEngagedPosts: 0 }));
    expect(got.quarantined).toEqual([expect.objectContaining({ url: expect.stringContaining('/xrpc/app.bsky.graph.getFollows?'), reason: expect.stringContaining('"follows"') })]);
    expect(got.posts.length).toBeGreaterThan(0);
  });

  it('throws MalformedPageError when the profile page is unreadable', async () => {
    const person = carPeople[4];
    bsky.inject({ match: 'getProfile', kind: 'malformed' });
    const err = await anon.fetchAccount(person.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MalformedPageError);
    expect((err as MalformedPageError).url).toContain('/xrpc/app.bsky.actor.getProfile?actor=');
    expect((err as MalformedPageError).raw.length).toBeGreaterThan(0);
    bsky.inject({ match: 'getProfile', kind: 'wrong-shape' });
    await expect(anon.fetchAccount(person.id)).rejects.toBeInstanceOf(MalformedPageError);
  });

  it('rides out a 500 and a connection reset on the way (the client retries)', async () => {
    const person = carPeople[5];
    bsky.inject({ match: 'getProfile', kind: 'reset' });
    bsky.inject({ match: 'getFollowers', kind: '500' });
    const got = fetched(await anon.fetchAccount(person.id, { maxEngagedPosts: 1 }));
    expect(got.quarantined).toEqual([]);
    expect(got.pages.some((p) => p.method === 'app.bsky.graph.getFollowers')).toBe(true);
  });

  it('reports the rate limit the AppView announces', () => {
    const snap = anon.rateLimit();
    expect(snap.limit).toBeGreaterThan(0);
    expect(snap.requestsInWindow).toBeGreaterThan(0);
    expect(snap.remaining).not.toBeNull();
    expect(anon.origin).toBe(new URL(bsky.url).origin);
    expect(anon.network).toBe('bluesky');
  });
});

describe('createConnector', () => {
  let bsky: FakeBlueskyAppView;
  let masto: FakeMastodonInstance;
  beforeAll(async () => {
    bsky = await startFakeBlueskyAppView(world.bluesky);
    masto = await startFakeMastodonInstance(world.mastodon);
  });
  afterAll(async () => {
    await bsky?.close();
    await masto?.close();
  });

  it('builds each network connector on a polite client with the published limit', async () => {
    expect(PUBLISHED_LIMITS).toMatchObject({ bluesky: { requests: 3000, windowSeconds: 300 }, mastodon: { requests: 300, windowSeconds: 300 }, instagram: { requests: 200, windowSeconds: 3600 } });
    const b = createConnector('bluesky', { appviewUrl: bsky.url, userAgent: UA });
    const m = createConnector('mastodon', { instanceUrl: masto.url, userAgent: UA });
    try {
      expect(b).toBeInstanceOf(BlueskyConnector);
      expect(m).toBeInstanceOf(MastodonConnector);
      expect(b.rateLimit()).toMatchObject({ limit: 3000, windowSeconds: 300, requestsInWindow: 0 });
      const person = world.carPeople('bluesky').find((p) => !p.special)!;
      const got = await b.fetchAccount(person.id, { maxPosts: 1, maxEngagedPosts: 0, maxFollowers: 0 });
      expect(got.status).toBe('fetched');
      // The fake announces Bluesky's own figures: the client keeps them and counts what it sent.
      expect(b.rateLimit()).toMatchObject({ limit: 3000, windowSeconds: 300, requestsInWindow: 2 });
      expect(b.rateLimit().remaining).toBeLessThan(3000);
      const mPerson = world.carPeople('mastodon').find((p) => !p.special)!;
      const mGot = await m.fetchAccount(mPerson.handle, { maxPosts: 1, maxEngagedPosts: 0, maxFollowers: 0 });
      expect(mGot.status).toBe('fetched');
      // Ids above 2^53 reach the page body as exact strings.
      const body = (mGot.status === 'fetched' ? mGot.pages[0].body : null) as { id: string };
      expect(body.id).toBe(mPerson.id);
      expect(BigInt(body.id) > 2n ** 53n).toBe(true);
      expect(m.rateLimit()).toMatchObject({ limit: 300, windowSeconds: 300 });
      expect(bsky.requests.concat(masto.requests).every((r) => r.userAgent === UA)).toBe(true);
    } finally {
      await (b as BlueskyConnector).close();
      await (m as MastodonConnector).close();
    }
  });

  it('shares one client when given one, and takes another limit', async () => {
    const http = new PoliteHttpClient({ userAgent: UA, limit: { requests: 50, windowSeconds: 10 } });
    try {
      const b = createConnector('bluesky', { appviewUrl: bsky.url, userAgent: UA, http });
      expect(b.rateLimit()).toMatchObject({ limit: 50, windowSeconds: 10 });
      const own = createConnector('mastodon', { instanceUrl: masto.url, userAgent: UA, limit: { requests: 60, windowSeconds: 60 } });
      expect(own.rateLimit()).toMatchObject({ limit: 60, windowSeconds: 60 });
      await (own as MastodonConnector).close();
    } finally {
      await http.close();
    }
  });
});
