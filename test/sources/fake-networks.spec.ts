import { getTopicClassifier } from '@renown/scoring';
import {
  buildAutomotiveWorld,
  startFakeBlueskyAppView,
  startFakeMastodonInstance,
  type AutomotiveWorld,
  type FakeBlueskyAppView,
  type FakeMastodonInstance,
} from '../support/fake-networks/index.js';

/** The crawler tests trust these fakes to answer as the networks do: their shapes, paging and failures are checked here. */

const NOW = Date.parse('2026-12-01T12:00:00.000Z');

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers: { 'user-agent': 'RenownTest/1.0 (+https://renown.example/bot)', ...headers } });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Parses `Link: <url>; rel="next", <url>; rel="prev"`. */
function links(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(',')) {
    const m = /<([^>]+)>;\s*rel="([^"]+)"/.exec(part);
    if (m) out[m[2]] = m[1];
  }
  return out;
}

describe('automotive world', () => {
  const world = buildAutomotiveWorld(1, { now: NOW });

  it('is deterministic and sized as planned, with the special accounts', () => {
    const again = buildAutomotiveWorld(1, { now: NOW });
    expect(JSON.stringify(again.bluesky)).toBe(JSON.stringify(world.bluesky));
    expect(JSON.stringify(again.mastodon)).toBe(JSON.stringify(world.mastodon));
    expect(world.carPeople('bluesky')).toHaveLength(30);
    expect(world.others('bluesky')).toHaveLength(40);
    expect(world.carPeople('mastodon')).toHaveLength(24);
    expect(world.others('mastodon')).toHaveLength(30);
    for (const kind of ['opted-out', 'deleted', 'suspended', 'renamed'] as const) expect(world.special('bluesky', kind).vertical).toBe('cars');
    for (const kind of ['noindex', 'undiscoverable', 'deleted', 'suspended'] as const) expect(world.special('mastodon', kind).vertical).toBe('cars');
    const counts = world.carPeople('bluesky').map((p) => p.followersCount);
    expect(new Set(counts).size).toBe(counts.length);
    expect(Math.min(...counts)).toBe(800);
    expect(Math.max(...counts)).toBe(95_000);
  });

  it('reaches every readable car person from the search seeds within 3 hops, and not all by search', () => {
    for (const network of ['bluesky', 'mastodon'] as const) {
      const readable = world.carPeople(network).filter((p) => p.special !== 'deleted' && p.special !== 'suspended');
      expect(readable.every((p) => p.hops !== null && p.hops <= 3)).toBe(true);
      expect(readable.filter((p) => p.findableBySearch).length).toBeGreaterThanOrEqual(8);
      expect(readable.filter((p) => p.hops! >= 2).length).toBeGreaterThanOrEqual(3);
    }
    expect(world.special('mastodon', 'undiscoverable').findableBySearch).toBe(false);
  });

  it('writes car posts the topic classifier files under automotive topics, and other posts elsewhere', () => {
    const classifier = getTopicClassifier();
    const carDids = new Set(world.carPeople('bluesky').map((p) => p.id));
    const car = world.bluesky.posts.filter((p) => carDids.has(p.did));
    const other = world.bluesky.posts.filter((p) => !carDids.has(p.did));
    // A topic counts as automotive when it or one of its ancestors is named so (Cars, Electric Vehicles, Auto Industry...).
    const names = (id: string, depth = 0): string[] => {
      const t = classifier.lexicon.topics.get(id);
      return t && depth < 6 ? [t.name, ...t.parentIds.flatMap((p) => names(p, depth + 1))] : [];
    };
    const isAuto = (id: string) => names(id).some((n) => /\bcars?\b|automo|vehicle|auto industry|motor/i.test(n));
    const carHits = car.filter((p) => classifier.classify({ text: p.text }).some((t) => isAuto(t.topicId))).length;
    const otherHits = other.filter((p) => classifier.classify({ text: p.text }).some((t) => isAuto(t.topicId))).length;
    expect(carHits / car.length).toBeGreaterThan(0.9);
    expect(otherHits / other.length).toBeLessThan(0.1);
  });
});

describe('fake Bluesky AppView', () => {
  let world: AutomotiveWorld;
  let bsky: FakeBlueskyAppView;
  beforeAll(async () => {
    world = buildAutomotiveWorld(1, { now: NOW });
    const seedPerson = world.carPeople('bluesky').find((p) => p.findableBySearch)!;
    bsky = await startFakeBlueskyAppView(world.bluesky, { appPassword: { identifier: seedPerson.handle, password: 'abcd-efgh-ijkl-mnop' } });
  });
  afterAll(() => bsky.close());
  const xrpc = (method: string, params: string) => `${bsky.url}/xrpc/${method}?${params}`;

  it('serves ProfileViewDetailed by handle and DID, with the rate headers', async () => {
    const person = world.carPeople('bluesky').find((p) => !p.special)!;
    const byHandle = await get(xrpc('app.bsky.actor.getProfile', `actor=${person.handle}`));
    expect(byHandle.status).toBe(200);
    expect(byHandle.json).toMatchObject({ did: person.id, handle: person.handle, displayName: person.displayName, followersCount: person.followersCount, followsCount: person.followingCount, postsCount: 12, labels: [] });
    expect(typeof byHandle.json.description).toBe('string');
    expect(Date.parse(byHandle.json.createdAt)).toBeLessThan(NOW);
    expect(byHandle.headers.get('ratelimit-policy')).toBe('3000;w=300');
    expect(Number(byHandle.headers.get('ratelimit-remaining'))).toBeLessThan(3000);
    expect((await get(xrpc('app.bsky.actor.getProfile', `actor=${person.id}`))).json.handle).toBe(person.handle);
    expect(bsky.requests.at(-1)).toMatchObject({ path: '/xrpc/app.bsky.actor.getProfile', query: { actor: person.id }, userAgent: expect.stringContaining('RenownTest'), status: 200 });

    const many = await get(xrpc('app.bsky.actor.getProfiles', world.people.bluesky.slice(0, 3).map((p) => `actors=${p.id}`).join('&') + `&actors=${world.special('bluesky', 'deleted').id}`));
    expect(many.json.profiles.map((p: { did: string }) => p.did)).toEqual(world.people.bluesky.slice(0, 3).map((p) => p.id));
    const tooMany = await get(xrpc('app.bsky.actor.getProfiles', Array.from({ length: 26 }, () => `actors=${person.id}`).join('&')));
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error).toBe('InvalidRequest');
  });

  it('answers as the AppView for deleted, suspended and opted-out accounts and for bad params', async () => {
    const deleted = await get(xrpc('app.bsky.actor.getProfile', `actor=${world.special('bluesky', 'deleted').id}`));
    expect(deleted).toMatchObject({ status: 400, json: { error: 'InvalidRequest', message: 'Profile not found' } });
    const suspended = await get(xrpc('app.bsky.actor.getProfile', `actor=${world.special('bluesky', 'suspended').handle}`));
    expect(suspended).toMatchObject({ status: 400, json: { error: 'AccountTakedown', message: 'Account has been suspended' } });
    const optedOut = world.special('bluesky', 'opted-out');
    const profile = await get(xrpc('app.bsky.actor.getProfile', `actor=${optedOut.id}`));
    expect(profile.json.labels).toEqual([{ src: optedOut.id, uri: `at://${optedOut.id}/app.bsky.actor.profile/self`, cid: expect.any(String), val: '!no-unauthenticated', cts: expect.any(String) }]);
    const feed = await get(xrpc('app.bsky.feed.getAuthorFeed', `actor=${optedOut.id}&limit=1`));
    expect(feed.json.feed[0].post.author.labels[0].val).toBe('!no-unauthenticated');
    expect((await get(xrpc('app.bsky.feed.getAuthorFeed', `actor=${optedOut.id}&limit=101`))).json).toEqual({ error: 'InvalidRequest', message: 'Error: limit can not be greater than 100' });
    expect((await get(xrpc('app.bsky.actor.getProfile', ''))).status).toBe(400);
    expect((await get(xrpc('app.bsky.unspecced.nothing', ''))).status).toBe(501);
  });

  it('pages searchActors with an opaque cursor and finds seed people by their bios', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await get(xrpc('app.bsky.actor.searchActors', `q=cars&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
      expect(res.status).toBe(200);
      expect(res.json.actors.length).toBeLessThanOrEqual(2);
      seen.push(...res.json.actors.map((a: { did: string }) => a.did));
      cursor = res.json.cursor;
      pages++;
    } while (cursor && pages < 50);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    const expected = world.bluesky.actors.filter((a) => a.status === 'active' && /\bcars\b/i.test(`${a.description} ${a.displayName}`)).map((a) => a.did);
    expect([...seen].sort()).toEqual([...expected].sort());
    const ev = await get(xrpc('app.bsky.actor.searchActors', 'q=%23EV&limit=100'));
    expect(ev.json.actors.length).toBeGreaterThan(0);
    expect(ev.json.actors.every((a: { description: string }) => /\bEVs?\b/.test(a.description))).toBe(true);
  });

  it('pages getAuthorFeed newest first, with PostViews, hashtag facets at byte offsets and reposts', async () => {
    const person = world.carPeople('bluesky').filter((p) => !p.special).sort((a, b) => b.followersCount - a.followersCount)[0];
    const items: any[] = [];
    let cursor: string | undefined;
    do {
      const res = await get(xrpc('app.bsky.feed.getAuthorFeed', `actor=${person.id}&limit=5&filter=posts_no_replies${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
      items.push(...res.json.feed);
      cursor = res.json.cursor;
    } while (cursor);
    const own = items.filter((i) => !i.reason);
    expect(own).toHaveLength(12);
    const reposts = world.bluesky.reposts.filter((r) => r.did === person.id);
    expect(items.filter((i) => i.reason)).toHaveLength(reposts.length);
    const times = items.map((i) => (i.reason ? i.reason.indexedAt : i.post.record.createdAt));
    expect([...times].sort().reverse()).toEqual(times);
    const post = own[0].post;
    expect(post).toMatchObject({
      uri: expect.stringMatching(new RegExp(`^at://${person.id}/app\\.bsky\\.feed\\.post/[a-z2-7]{13}$`)),
      cid: expect.stringMatching(/^bafyrei/),
      author: { did: person.id, handle: person.handle },
      record: { $type: 'app.bsky.feed.post', langs: ['en'] },
      likeCount: expect.any(Number),
      repostCount: expect.any(Number),
      replyCount: expect.any(Number),
      quoteCount: expect.any(Number),
    });
    for (const i of own) {
      const bytes = Buffer.from(i.post.record.text);
      for (const facet of i.post.record.facets ?? []) {
        const slice = bytes.subarray(facet.index.byteStart, facet.index.byteEnd).toString();
        const feature = facet.features[0];
        if (feature.$type === 'app.bsky.richtext.facet#tag') expect(slice).toBe(`#${feature.tag}`);
      }
      expect(i.post.record.facets.some((f: any) => ['ev', 'cars'].includes(f.features[0].tag?.toLowerCase()))).toBe(true);
    }
  });

  it('lists likes, reposts, quotes and followers, leaving taken-down actors out', async () => {
    const likedUri = [...world.bluesky.likes].sort((a, b) => a.subject.localeCompare(b.subject)).find((l, _i, all) => all.filter((x) => x.subject === l.subject).length >= 3)!.subject;
    const expected = world.bluesky.likes.filter((l) => l.subject === likedUri).map((l) => l.did);
    const likes = await get(xrpc('app.bsky.feed.getLikes', `uri=${encodeURIComponent(likedUri)}&limit=100`));
    expect(likes.json.uri).toBe(likedUri);
    expect(likes.json.likes.map((l: any) => l.actor.did).sort()).toEqual([...expected].sort());
    expect(likes.json.likes[0]).toEqual({ indexedAt: expect.any(String), createdAt: expect.any(String), actor: expect.objectContaining({ did: expect.any(String), handle: expect.any(String) }) });
    const post = world.bluesky.posts.find((p) => `at://${p.did}/app.bsky.feed.post/${p.rkey}` === likedUri)!;
    expect(post.likeCount).toBeGreaterThanOrEqual(expected.length);

    const quoted = world.bluesky.posts.find((p) => p.quote)!.quote!.uri;
    const quotes = await get(xrpc('app.bsky.feed.getQuotes', `uri=${encodeURIComponent(quoted)}`));
    expect(quotes.json.posts.length).toBeGreaterThan(0);
    expect(quotes.json.posts[0].embed.record.uri).toBe(quoted);

    const suspended = world.special('bluesky', 'suspended');
    const followed = world.bluesky.follows.find((f) => f.did === suspended.id)!.subject;
    const followers = await get(xrpc('app.bsky.graph.getFollowers', `actor=${followed}&limit=100`));
    expect(followers.json.subject.did).toBe(followed);
    expect(followers.json.followers.map((f: any) => f.did)).not.toContain(suspended.id);
    const deleted = world.special('bluesky', 'deleted');
    const deletedFollows = world.bluesky.follows.find((f) => f.did === deleted.id)!.subject;
    const withDeleted = await get(xrpc('app.bsky.graph.getFollowers', `actor=${deletedFollows}&limit=100`));
    expect(withDeleted.json.followers.map((f: any) => f.did)).toContain(deleted.id);
  });

  it('refuses searchPosts without a session and serves it with one', async () => {
    const refused = await get(xrpc('app.bsky.feed.searchPosts', 'q=EV'));
    expect(refused.status).toBe(403);
    const session = await fetch(`${bsky.url}/xrpc/com.atproto.server.createSession`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: world.carPeople('bluesky').find((p) => p.findableBySearch)!.handle, password: 'abcd-efgh-ijkl-mnop' }),
    }).then((r) => r.json());
    const found = await get(xrpc('app.bsky.feed.searchPosts', 'q=%23EV&limit=5'), { authorization: `Bearer ${session.accessJwt}` });
    expect(found.status).toBe(200);
    expect(found.json.posts).toHaveLength(5);
    expect(found.json.cursor).toBeDefined();
  });

  it('renames a handle: the old one is gone, the DID still works', async () => {
    const renamed = world.special('bluesky', 'renamed');
    bsky.renameHandle(renamed.id, renamed.nextHandle!);
    expect((await get(xrpc('app.bsky.actor.getProfile', `actor=${renamed.handle}`))).json).toEqual({ error: 'InvalidRequest', message: 'Profile not found' });
    expect((await get(xrpc('app.bsky.actor.getProfile', `actor=${renamed.id}`))).json.handle).toBe(renamed.nextHandle);
    expect((await get(xrpc('com.atproto.identity.resolveHandle', `handle=${renamed.nextHandle}`))).json).toEqual({ did: renamed.id });
  });

  it('injects a malformed page, a wrong shape and a reset, once each', async () => {
    const person = world.carPeople('bluesky')[0];
    bsky.inject({ match: 'getAuthorFeed', kind: 'malformed' });
    const bad = await get(xrpc('app.bsky.feed.getAuthorFeed', `actor=${person.id}`));
    expect(bad.status).toBe(200);
    expect(bad.json).toBeUndefined();
    expect(() => JSON.parse(bad.text)).toThrow();
    expect((await get(xrpc('app.bsky.feed.getAuthorFeed', `actor=${person.id}`))).json.feed.length).toBeGreaterThan(0);
    bsky.inject({ match: /getFollows\?actor=/, kind: 'wrong-shape' });
    expect((await get(xrpc('app.bsky.graph.getFollows', `actor=${person.id}`))).json).toEqual({ unexpected: true });
    bsky.inject({ match: 'getProfile', kind: 'reset' });
    await expect(fetch(xrpc('app.bsky.actor.getProfile', `actor=${person.id}`))).rejects.toThrow();
    expect(bsky.requests.at(-1)!.status).toBe(0);
  });
});

describe('fake network server limits', () => {
  it('answers 429 with Retry-After and the network headers over the limit, and counts the peak', async () => {
    const world = buildAutomotiveWorld(1, { now: NOW });
    const bsky = await startFakeBlueskyAppView(world.bluesky, { rateLimit: { requests: 3, windowSeconds: 60 } });
    const masto = await startFakeMastodonInstance(world.mastodon, { rateLimit: { requests: 2, windowSeconds: 30 } });
    try {
      const url = `${bsky.url}/xrpc/app.bsky.actor.getProfile?actor=${world.people.bluesky[0].id}`;
      for (let i = 0; i < 3; i++) expect((await get(url)).status).toBe(200);
      const limited = await get(url);
      expect(limited.status).toBe(429);
      expect(limited.json).toEqual({ error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(50);
      expect(limited.headers.get('ratelimit-limit')).toBe('3');
      expect(limited.headers.get('ratelimit-remaining')).toBe('0');
      expect(limited.headers.get('ratelimit-policy')).toBe('3;w=60');
      expect(Number(limited.headers.get('ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000 + 50);
      expect(bsky.stats()).toMatchObject({ requests: 4, byStatus: { 200: 3, 429: 1 }, peakInWindow: 4 });
      bsky.setRateLimit(null);
      expect((await get(url)).status).toBe(200);

      const murl = `${masto.url}/api/v1/accounts/${world.people.mastodon[0].id}`;
      await get(murl);
      await get(murl);
      const mlimited = await get(murl);
      expect(mlimited.status).toBe(429);
      expect(mlimited.json).toEqual({ error: 'Too many requests' });
      expect(mlimited.headers.get('x-ratelimit-limit')).toBe('2');
      expect(mlimited.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(Date.parse(mlimited.headers.get('x-ratelimit-reset')!)).toBeGreaterThan(Date.now());

      bsky.inject({ match: 'getProfile', kind: '503', times: 2 });
      expect((await get(url)).status).toBe(503);
      expect((await get(url)).status).toBe(503);
      expect((await get(url)).status).toBe(200);

      bsky.setDown(true);
      await expect(fetch(url)).rejects.toThrow();
      bsky.setDown(false);
      expect((await get(url)).status).toBe(200);

      bsky.setLatency(150);
      const started = Date.now();
      await get(url);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      await bsky.close();
      await masto.close();
    }
  });
});

describe('fake Mastodon instance', () => {
  let world: AutomotiveWorld;
  let masto: FakeMastodonInstance;
  beforeAll(async () => {
    world = buildAutomotiveWorld(1, { now: NOW });
    masto = await startFakeMastodonInstance(world.mastodon);
  });
  afterAll(() => masto.close());

  it('writes ids as strings above 2^53 in the raw body, and accounts in the entity shape', async () => {
    const person = world.carPeople('mastodon').find((p) => !p.special && !p.handle.endsWith('@mastodon.example'))!;
    const res = await get(`${masto.url}/api/v1/accounts/lookup?acct=${person.handle}`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/"id":"\d{17,}"/);
    expect(BigInt(res.json.id)).toBeGreaterThan(2n ** 53n);
    expect(res.json).toMatchObject({
      id: person.id,
      username: person.handle.split('@')[0],
      acct: person.handle,
      display_name: person.displayName,
      note: expect.stringMatching(/^<p>.*<\/p>$/),
      url: `https://${person.handle.split('@')[1]}/@${person.handle.split('@')[0]}`,
      followers_count: person.followersCount,
      following_count: person.followingCount,
      statuses_count: expect.any(Number),
      bot: false,
      discoverable: true,
      fields: expect.any(Array),
      emojis: [],
    });
    expect(res.json.noindex).toBeUndefined();
    expect(res.headers.get('x-ratelimit-limit')).toBe('300');

    const noindex = world.special('mastodon', 'noindex');
    const local = await get(`${masto.url}/api/v1/accounts/lookup?acct=${noindex.handle.split('@')[0]}`);
    expect(local.json).toMatchObject({ id: noindex.id, acct: noindex.handle.split('@')[0], noindex: true });
  });

  it('pages statuses newest first by the Link header', async () => {
    const person = world.carPeople('mastodon').find((p) => !p.special)!;
    const ids: string[] = [];
    let next: string | undefined = `${masto.url}/api/v1/accounts/${person.id}/statuses?limit=5&exclude_reblogs=true`;
    while (next) {
      const res = await get(next);
      expect(res.status).toBe(200);
      ids.push(...res.json.map((s: { id: string }) => s.id));
      if (res.json.length) expect(res.json[0]).toMatchObject({ account: { id: person.id }, visibility: 'public', reblog: null, tags: expect.any(Array), content: expect.stringMatching(/^<p>/) });
      next = links(res.headers.get('link')).next;
    }
    expect(ids).toHaveLength(12);
    expect([...ids].sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1))).toEqual(ids);
  });

  it('refuses search offset without a token, with Mastodon\'s message, and honours it with one', async () => {
    const refused = await get(`${masto.url}/api/v2/search?q=cars&type=accounts&offset=5`);
    expect(refused).toMatchObject({ status: 401, json: { error: 'Search queries pagination is not supported without authentication' } });
    const anonymous = await get(`${masto.url}/api/v2/search?q=cars`);
    expect(anonymous.json.accounts.length).toBeGreaterThan(0);
    expect(anonymous.json.statuses).toEqual([]);
    const undiscoverable = world.special('mastodon', 'undiscoverable');
    expect(anonymous.json.accounts.map((a: { id: string }) => a.id)).not.toContain(undiscoverable.id);
    const signedIn = await get(`${masto.url}/api/v2/search?q=cars&type=accounts&offset=1&limit=2`, { authorization: `Bearer ${masto.accessToken}` });
    expect(signedIn.json.accounts[0].id).toBe(anonymous.json.accounts[1].id);
    const tags = await get(`${masto.url}/api/v2/search?q=%23EV&type=hashtags`);
    expect(tags.json.hashtags[0]).toMatchObject({ name: 'ev', url: expect.stringContaining('/tags/ev'), history: expect.any(Array) });
  });

  it('answers 404 for deleted accounts and an emptied entity for suspended ones', async () => {
    const deleted = world.special('mastodon', 'deleted');
    expect(await get(`${masto.url}/api/v1/accounts/${deleted.id}`)).toMatchObject({ status: 404, json: { error: 'Record not found' } });
    const suspended = world.special('mastodon', 'suspended');
    const account = await get(`${masto.url}/api/v1/accounts/${suspended.id}`);
    expect(account.json).toMatchObject({ id: suspended.id, suspended: true, display_name: '', note: '', fields: [] });
    expect((await get(`${masto.url}/api/v1/accounts/${suspended.id}/statuses`)).json).toEqual([]);
    expect((await get(`${masto.url}/.well-known/webfinger?resource=acct:${suspended.handle}`)).status).toBe(410);
  });

  it('pages followers and favourited_by by their rows\' ids, and the tag timeline', async () => {
    const person = world.carPeople('mastodon').filter((p) => !p.special).sort((a, b) => b.followersCount - a.followersCount)[0];
    const expected = world.mastodon.follows.filter((f) => f.targetId === person.id && world.mastodon.accounts.find((a) => a.id === f.accountId)!.status === 'active');
    const seen: string[] = [];
    let next: string | undefined = `${masto.url}/api/v1/accounts/${person.id}/followers?limit=2`;
    while (next) {
      const res = await get(next);
      seen.push(...res.json.map((a: { id: string }) => a.id));
      next = links(res.headers.get('link')).next;
    }
    expect(seen.sort()).toEqual(expected.map((f) => f.accountId).sort());

    const fav = world.mastodon.favourites[0];
    const favs = await get(`${masto.url}/api/v1/statuses/${fav.targetId}/favourited_by?limit=80`);
    expect(favs.json.map((a: { id: string }) => a.id)).toContain(fav.accountId);

    const tagged = await get(`${masto.url}/api/v1/timelines/tag/EV?limit=3`);
    expect(tagged.json).toHaveLength(3);
    expect(tagged.json.every((s: any) => s.tags.some((t: any) => t.name === 'ev'))).toBe(true);
    const older = await get(links(tagged.headers.get('link')).next);
    expect(BigInt(older.json[0].id)).toBeLessThan(BigInt(tagged.json[2].id));
  });

  it('answers WebFinger for a world account', async () => {
    const person = world.carPeople('mastodon').find((p) => !p.special)!;
    const res = await get(`${masto.url}/.well-known/webfinger?resource=acct:${person.handle}`);
    expect(res.json.subject).toBe(`acct:${person.handle}`);
    expect(res.json.links.find((l: { rel: string }) => l.rel === 'self').href).toBe(`https://${person.handle.split('@')[1]}/users/${person.handle.split('@')[0]}`);
  });
});

