import { PoliteHttpClient } from '../../libs/sources/src/http/polite-http-client.js';
import { MalformedPageError } from '../../libs/sources/src/networks/malformed-page.error.js';
import { MastodonConnector, nextMaxId } from '../../libs/sources/src/networks/mastodon/mastodon-connector.js';
import type { Candidate, SeedPage } from '../../libs/sources/src/networks/network-connector.js';
import { buildAutomotiveWorld, startFakeMastodonInstance, type FakeMastodonInstance, type MastodonAccountRecord, type MastodonWorld } from '../support/fake-networks/index.js';

/*
 * The Mastodon connector against the fake instance serving the automotive world: account search (first page only
 * without a token, then the tag timeline), an account's profile, statuses, engagers and follow graph as page
 * envelopes, and the accounts it must not read (deleted, suspended, noindex, undiscoverable).
 */
const LIMIT = { requests: 10_000, windowSeconds: 60 };
const UA = 'Renown-test/1 (+http://example.test)';
const client = () => new PoliteHttpClient({ userAgent: UA, limit: LIMIT, minBackoffMs: 10 });

const world = buildAutomotiveWorld();
const carPeople = world.carPeople('mastodon').filter((p) => !p.special);

/** The world plus 45 accounts whose names say "cars", so account search has more than one page of 40. */
function crowdedWorld(): MastodonWorld {
  const base = world.mastodon;
  const template = base.accounts.find((a) => a.status === 'active')!;
  const extra: MastodonAccountRecord[] = Array.from({ length: 45 }, (_, i) => ({
    ...template,
    id: (9_000_000_000_000_000_000n + BigInt(i)).toString(),
    username: `carsfan${i}`,
    domain: 'autos.example',
    displayName: `Cars Fan ${i}`,
    followersCount: 10 + i,
    noindex: false,
    discoverable: true,
    indexable: true,
  }));
  return { ...base, accounts: [...base.accounts, ...extra] };
}

async function allPages(connector: MastodonConnector, term: string): Promise<SeedPage[]> {
  const out: SeedPage[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page = await connector.searchAccounts(term, cursor);
    out.push(page);
    cursor = page.cursor;
    if (!cursor) break;
  }
  return out;
}

describe('MastodonConnector', () => {
  let fake: FakeMastodonInstance;
  let crowded: FakeMastodonInstance;
  let anon: MastodonConnector;
  let signedIn: MastodonConnector;
  let crowdedAnon: MastodonConnector;
  const clients: PoliteHttpClient[] = [];

  beforeAll(async () => {
    fake = await startFakeMastodonInstance(world.mastodon, { rateLimit: LIMIT });
    crowded = await startFakeMastodonInstance(crowdedWorld(), { rateLimit: LIMIT });
    const [a, b, c] = [client(), client(), client()];
    clients.push(a, b, c);
    anon = new MastodonConnector({ instanceUrl: fake.url, http: a });
    signedIn = new MastodonConnector({ instanceUrl: crowded.url, http: b, accessToken: crowded.accessToken });
    crowdedAnon = new MastodonConnector({ instanceUrl: crowded.url, http: c });
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await fake?.close();
    await crowded?.close();
  });

  it('reads the next max_id from a Link header', () => {
    expect(nextMaxId('<https://m.example/api/v1/x?limit=40&max_id=123456789012345678901>; rel="next", <https://m.example/api/v1/x?min_id=9>; rel="prev"')).toBe('123456789012345678901');
    expect(nextMaxId('<https://m.example/api/v1/x?min_id=9>; rel="prev"')).toBeNull();
    expect(nextMaxId(null)).toBeNull();
  });

  it('finds car people for "cars" through account search and the tag timeline, never sending offset without a token', async () => {
    const before = fake.requests.length;
    const pages = await allPages(anon, 'cars');
    const sent = fake.requests.slice(before);
    const candidates = pages.flatMap((p) => p.candidates);

    const searches = sent.filter((r) => r.path === '/api/v2/search');
    expect(searches).toHaveLength(1);
    expect(searches[0].query).toMatchObject({ q: 'cars', type: 'accounts', limit: '40' });
    expect(sent.some((r) => 'offset' in r.query)).toBe(false);
    expect(sent.every((r) => r.status === 200)).toBe(true);
    expect(sent.some((r) => r.path === '/api/v1/timelines/tag/cars')).toBe(true);
    expect(sent.filter((r) => r.path.startsWith('/api/v1/timelines/tag/')).length).toBeLessThanOrEqual(5);

    expect(pages[0].pages[0]).toMatchObject({ network: 'mastodon', method: 'search' });
    expect(pages.flatMap((p) => p.pages).some((p) => p.method === 'timelines.tag')).toBe(true);
    expect(pages.at(-1)!.cursor).toBeNull();
    expect(pages.flatMap((p) => p.quarantined)).toEqual([]);

    const viaSearch = new Set(candidates.filter((c) => c.via === 'search').map((c) => c.ref));
    const findable = world.people.mastodon.filter((p) => p.findableBySearch && p.vertical === 'cars' && /cars/i.test(world.mastodon.accounts.find((a) => a.id === p.id)!.note + p.displayName));
    expect(findable.length).toBeGreaterThan(0);
    for (const p of findable) expect(viaSearch).toContain(p.handle);
    expect(candidates.some((c) => c.via === 'tag')).toBe(true);
    const carHandles = new Set(world.carPeople('mastodon').map((p) => p.handle));
    expect(candidates.filter((c) => carHandles.has(c.ref)).length).toBeGreaterThan(3);
    for (const c of candidates) {
      expect(c.ref).toMatch(/^[a-z0-9_]+@[a-z0-9.-]+$/);
      expect(c.ref).toBe(c.handle);
    }
    // The noindex car person is local: search finds it but flags it.
    const noindex = world.special('mastodon', 'noindex');
    const flagged = candidates.find((c) => c.ref === noindex.handle);
    if (flagged) expect(flagged.optedOut).toBe(true);
  });

  it('pages account search with offset only when it has a token', async () => {
    const before = crowded.requests.length;
    const pages = await allPages(signedIn, 'cars');
    const searches = crowded.requests.slice(before).filter((r) => r.path === '/api/v2/search');
    expect(searches.length).toBeGreaterThanOrEqual(2);
    expect(searches[0].query.offset).toBeUndefined();
    expect(searches[1].query.offset).toBe('40');
    expect(searches.every((r) => r.authorization === `Bearer ${crowded.accessToken}` && r.status === 200)).toBe(true);
    const fromSearch = pages.flatMap((p) => p.candidates).filter((c) => c.via === 'search');
    expect(fromSearch.length).toBeGreaterThan(40);
    expect(new Set(fromSearch.map((c) => c.ref)).size).toBe(fromSearch.length);

    const anonBefore = crowded.requests.length;
    const anonPages = await allPages(crowdedAnon, 'cars');
    const anonSearches = crowded.requests.slice(anonBefore).filter((r) => r.path === '/api/v2/search');
    expect(anonSearches).toHaveLength(1);
    expect(anonSearches[0].query.offset).toBeUndefined();
    expect(anonPages[0].candidates).toHaveLength(40);
    expect(signedIn.rateLimit().requestsInWindow).toBeGreaterThan(0);
  });

  it('does not read the tag timeline for a multi-word term', async () => {
    const before = fake.requests.length;
    const pages = await allPages(anon, 'electric vehicles');
    expect(pages).toHaveLength(1);
    expect(pages[0].cursor).toBeNull();
    expect(fake.requests.slice(before).map((r) => r.path)).toEqual(['/api/v2/search']);
  });

  it('quarantines a search page of the wrong shape and moves on to the tag timeline', async () => {
    fake.inject({ match: '/api/v2/search', kind: 'wrong-shape' });
    const first = await anon.searchAccounts('#EV', null);
    expect(first.quarantined).toHaveLength(1);
    expect(first.quarantined[0].url).toContain('/api/v2/search');
    expect(first.candidates).toEqual([]);
    expect(first.cursor).not.toBeNull();
    const next = await anon.searchAccounts('#EV', first.cursor);
    expect(next.pages[0].method).toBe('timelines.tag');
    expect(next.pages[0].url).toContain('/api/v1/timelines/tag/ev');
    expect(next.candidates.length).toBeGreaterThan(0);
  });

  it('fetches a car person: profile counts, posts, engagers and followers, ids kept as strings', async () => {
    const person = [...carPeople].sort((a, b) => b.followersCount - a.followersCount)[0];
    const before = fake.requests.length;
    const got = await anon.fetchAccount(person.handle);
    if (got.status !== 'fetched') throw new Error(`expected fetched, got ${got.status}: ${got.message}`);

    expect(got.externalId).toBe(person.handle);
    expect(got.handle).toBe(person.handle);
    expect(got.displayName).toBe(person.displayName);
    expect(got.followersCount).toBe(person.followersCount);
    expect(got.bio).toBeTruthy();
    expect(got.bio).not.toContain('<p>');
    expect(got.posts).toHaveLength(12);
    expect(got.posts.every((p) => p.text.length > 0 && !p.text.includes('<'))).toBe(true);
    expect(got.posts.some((p) => p.hashtags.includes('ev') || p.hashtags.includes('cars'))).toBe(true);
    expect(got.posts.flatMap((p) => p.hashtags).every((t) => t === t.toLowerCase())).toBe(true);
    expect(got.quarantined).toEqual([]);

    const methods = got.pages.map((p) => p.method);
    expect(methods[0]).toBe('accounts.lookup');
    for (const m of ['accounts.statuses', 'statuses.favourited_by', 'accounts.followers', 'accounts.following'] as const) expect(methods).toContain(m);
    const fav = got.pages.find((p) => p.method === 'statuses.favourited_by')!;
    expect(fav.subject).toMatchObject({ authorAcct: person.handle });
    expect(fav.subject!.statusUri).toMatch(/^https:\/\/.+\/statuses\/\d+$/);
    expect(got.pages.find((p) => p.method === 'accounts.followers')!.subject).toEqual({ acct: person.handle });
    expect(got.pages.every((p) => p.network === 'mastodon' && !Number.isNaN(Date.parse(p.fetchedAt)) && p.url.startsWith(fake.url))).toBe(true);

    // Snowflake ids above 2^53 stay exact strings.
    const lookupBody = got.pages[0].body as { id: unknown };
    expect(typeof lookupBody.id).toBe('string');
    expect(lookupBody.id).toBe(person.id);
    expect(BigInt(lookupBody.id as string) > 2n ** 53n).toBe(true);
    const statuses = got.pages.find((p) => p.method === 'accounts.statuses')!.body as Array<{ id: unknown; account: { id: unknown } }>;
    expect(statuses.every((s) => typeof s.id === 'string' && BigInt(s.id as string) > 2n ** 53n && s.account.id === person.id)).toBe(true);

    const refs = got.neighbours.map((n) => n.ref);
    expect(refs.length).toBeGreaterThan(0);
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs).not.toContain(person.handle);
    const vias = new Set(got.neighbours.map((n: Candidate) => n.via));
    expect(vias).toContain('engager');
    expect(vias).toContain('follower');
    // Deduped: an account keeps the first way it was met, so every followed account is a neighbour, whatever its via.
    const following = got.pages.filter((p) => p.method === 'accounts.following').flatMap((p) => p.body as Array<{ acct: string; url: string }>);
    expect(following.length).toBeGreaterThan(0);
    for (const a of following) expect(refs).toContain((a.acct.includes('@') ? a.acct : `${a.acct}@${new URL(a.url).host}`).toLowerCase());

    const sent = fake.requests.slice(before);
    expect(sent[0]).toMatchObject({ path: '/api/v1/accounts/lookup' });
    expect(sent.some((r) => r.path === `/api/v1/accounts/${person.id}/statuses` && r.query.limit === '40')).toBe(true);
    expect(sent.some((r) => /\/favourited_by$/.test(r.path) && r.query.limit === '80')).toBe(true);
    expect(sent.some((r) => r.path === `/api/v1/accounts/${person.id}/followers` && r.query.limit === '80')).toBe(true);
  });

  it('respects the limits: no follower pages when maxFollowers is 0, engagers of at most maxEngagedPosts posts', async () => {
    const person = carPeople[1];
    const before = fake.requests.length;
    const got = await anon.fetchAccount(person.handle, { maxFollowers: 0, maxEngagedPosts: 2, maxPosts: 5 });
    expect(got.status).toBe('fetched');
    if (got.status !== 'fetched') return;
    expect(got.posts.length).toBeLessThanOrEqual(5);
    const sent = fake.requests.slice(before);
    expect(sent.some((r) => /\/(followers|following)$/.test(r.path))).toBe(false);
    const engagedStatuses = new Set(sent.filter((r) => /\/(favourited_by|reblogged_by)$/.test(r.path)).map((r) => r.path.split('/')[4]));
    expect(engagedStatuses.size).toBeLessThanOrEqual(2);
  });

  it('looks up an account local to the instance', async () => {
    const local = carPeople.find((p) => p.handle.endsWith('@mastodon.example'))!;
    const got = await anon.fetchAccount(`@${local.handle.toUpperCase()}`, { maxFollowers: 0, maxEngagedPosts: 0 });
    expect(got).toMatchObject({ status: 'fetched', externalId: local.handle });
  });

  it('reports a deleted account as not found', async () => {
    const deleted = world.special('mastodon', 'deleted');
    const got = await anon.fetchAccount(deleted.handle);
    expect(got.status).toBe('not-found');
    expect(got.status !== 'fetched' && got.message).toContain(`@${deleted.handle} does not exist`);
  });

  it('reports a suspended account as suspended', async () => {
    const suspended = world.special('mastodon', 'suspended');
    const before = fake.requests.length;
    const got = await anon.fetchAccount(suspended.handle);
    expect(got).toMatchObject({ status: 'suspended', externalId: suspended.handle });
    expect(fake.requests.length - before).toBe(1);
  });

  it.each(['noindex', 'undiscoverable'] as const)('reads nothing more of a %s account: opted-out after one request', async (kind) => {
    const p = world.special('mastodon', kind);
    const before = fake.requests.length;
    const got = await anon.fetchAccount(p.handle);
    expect(got).toMatchObject({ status: 'opted-out', externalId: p.handle, handle: p.handle });
    expect(got.status !== 'fetched' && got.message).toMatch(/opted out of being indexed/);
    expect(fake.requests.length - before).toBe(1);
  });

  it('quarantines a malformed statuses page and still returns the account', async () => {
    const person = carPeople[2];
    fake.inject({ match: `/api/v1/accounts/${person.id}/statuses`, kind: 'malformed' });
    const got = await anon.fetchAccount(person.handle);
    if (got.status !== 'fetched') throw new Error(`expected fetched, got ${got.status}`);
    expect(got.quarantined).toHaveLength(1);
    expect(got.quarantined[0].url).toContain(`/api/v1/accounts/${person.id}/statuses`);
    expect(got.quarantined[0].reason).toMatch(/not JSON/);
    expect(got.quarantined[0].raw).toMatch(/^<!DOCTYPE html>/);
    expect(got.posts).toEqual([]);
    expect(got.pages.some((p) => p.method === 'accounts.statuses')).toBe(false);
    expect(got.pages.some((p) => p.method === 'accounts.followers')).toBe(true);
  });

  it('quarantines a statuses page that is not a list', async () => {
    const person = carPeople[3];
    fake.inject({ match: `/api/v1/accounts/${person.id}/statuses`, kind: 'wrong-shape' });
    const got = await anon.fetchAccount(person.handle, { maxFollowers: 0 });
    expect(got.status).toBe('fetched');
    expect(got.quarantined).toEqual([expect.objectContaining({ url: expect.stringContaining('/statuses'), reason: expect.stringMatching(/not a list/) })]);
  });

  it('throws MalformedPageError when the lookup is not JSON or not an Account', async () => {
    const person = carPeople[0];
    fake.inject({ match: '/api/v1/accounts/lookup', kind: 'malformed' });
    const err = await anon.fetchAccount(person.handle).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MalformedPageError);
    expect((err as MalformedPageError).url).toContain('/api/v1/accounts/lookup');
    expect((err as MalformedPageError).raw).toMatch(/^<!DOCTYPE html>/);

    fake.inject({ match: '/api/v1/accounts/lookup', kind: 'wrong-shape' });
    await expect(anon.fetchAccount(person.handle)).rejects.toBeInstanceOf(MalformedPageError);
  });

  it('sends its User-Agent and no Authorization without a token, and counts requests', () => {
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(fake.requests.every((r) => r.userAgent === UA && r.authorization === null)).toBe(true);
    expect(anon.stats().requests).toBe(fake.requests.length);
    expect(anon.network).toBe('mastodon');
    expect(anon.origin).toBe(new URL(fake.url).origin);
  });
});

describe('MastodonConnector: a remote account is read from its home instance', () => {
  // A car person whose account lives on another instance than the one the connector asks first.
  const person = carPeople.find((p) => !p.handle.endsWith(`@${world.mastodon.instanceDomain}`))!;
  const domain = person.handle.split('@')[1];
  const STALE = 500;
  let home: FakeMastodonInstance;
  let first: FakeMastodonInstance;
  let connector: MastodonConnector;

  beforeAll(async () => {
    // The home instance has the account's true counts; the first instance holds a copy from an older federation.
    home = await startFakeMastodonInstance({ ...world.mastodon, instanceDomain: domain }, { rateLimit: LIMIT });
    const stale = world.mastodon.accounts.map((a) => (a.id === person.id ? { ...a, followersCount: a.followersCount - STALE } : a));
    first = await startFakeMastodonInstance({ ...world.mastodon, accounts: stale }, { accessToken: 'first-instance-token', rateLimit: LIMIT });
    connector = new MastodonConnector({ instanceUrl: first.url, http: client(), accessToken: 'first-instance-token', homeInstanceOf: (d) => (d === domain ? home.url : null) });
  });
  afterAll(async () => {
    await connector?.close();
    await home?.close();
    await first?.close();
  });

  it("takes the profile, posts and engagers from the home instance, with the home's counts, and sends it no token", async () => {
    const since = Date.now();
    const got = await connector.fetchAccount(`@${person.handle}`);
    expect(got).toMatchObject({ status: 'fetched', externalId: person.handle.toLowerCase(), followersCount: person.followersCount });
    if (got.status !== 'fetched') throw new Error('not fetched');
    expect(got.pages.length).toBeGreaterThan(1);
    expect(got.pages.every((p) => p.url.startsWith(home.url))).toBe(true);
    const toHome = home.requests.filter((r) => r.at >= since);
    expect(toHome.map((r) => r.path)).toContain('/api/v1/accounts/lookup');
    expect(toHome.every((r) => r.authorization === null)).toBe(true);
  });

  it("falls back to the first instance's copy when the home instance does not answer", async () => {
    home.setDown(true);
    try {
      const got = await new MastodonConnector({ instanceUrl: first.url, http: new PoliteHttpClient({ userAgent: UA, limit: LIMIT, minBackoffMs: 1, retries: 1 }), homeInstanceOf: () => home.url }).fetchAccount(person.handle);
      expect(got).toMatchObject({ status: 'fetched', externalId: person.handle.toLowerCase(), followersCount: person.followersCount - STALE });
      if (got.status === 'fetched') expect(got.pages.every((p) => p.url.startsWith(first.url))).toBe(true);
    } finally {
      home.setDown(false);
    }
  }, 60_000);

  it("reads the first instance's own accounts there, never asking a home", async () => {
    const local = carPeople.find((p) => p.handle.endsWith(`@${world.mastodon.instanceDomain}`))!;
    const before = home.requests.length;
    const got = await connector.fetchAccount(local.handle);
    expect(got).toMatchObject({ status: 'fetched', followersCount: local.followersCount });
    expect(home.requests.length).toBe(before);
  });
});
