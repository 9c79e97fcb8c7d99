import { createApiKey, signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildAutomotiveWorld, startFakeBlueskyAppView, startFakeMastodonInstance, type AutomotiveWorld, type FakeServer } from '../support/fake-networks/index.js';

/*
 * Looking up a handle Renown does not know: the answer says "fetching", the worker reads the account from its
 * network, and it is scored within 30 seconds; a handle that does not exist, a suspended account and a network
 * that is down each get a plain sentence. The developer API's ?fetch=true does the same.
 */
const LOOKUP = `query($p: String!, $h: String!) { influencerLookup(platform: $p, handle: $h) { platform query status message accountId score lastFetchedAt } }`;

describe('influencerLookup: any handle, fetched and scored in seconds', () => {
  let t: TestApp;
  let brand: SignedUp;
  let world: AutomotiveWorld;
  let bluesky: FakeServer;
  let mastodon: FakeServer;

  beforeAll(async () => {
    world = buildAutomotiveWorld(2);
    bluesky = await startFakeBlueskyAppView(world.bluesky, { rateLimit: { requests: 3000, windowSeconds: 30 } });
    mastodon = await startFakeMastodonInstance(world.mastodon, { rateLimit: { requests: 3000, windowSeconds: 30 } });
    t = await createTestApp({ BLUESKY_APPVIEW_URL: bluesky.url, MASTODON_INSTANCE_URL: mastodon.url, BLUESKY_RATE_LIMIT: '3000/30', MASTODON_RATE_LIMIT: '3000/30' });
    brand = await signUpBrand(t);
    await t.startWorker();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await bluesky?.close();
    await mastodon?.close();
  });

  const lookUntilSettled = async (platform: string, handle: string, timeoutMs = 30_000) => {
    const started = Date.now();
    const seen: string[] = [];
    for (;;) {
      const res = await t.graphql(LOOKUP, { p: platform, h: handle }, brand.headers);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      const answer = res.data.influencerLookup;
      if (seen[seen.length - 1] !== answer.status) seen.push(answer.status);
      if (!['fetching', 'scoring'].includes(answer.status) || Date.now() - started > timeoutMs) return { answer, seen, ms: Date.now() - started };
      await new Promise((r) => setTimeout(r, 300));
    }
  };

  it('an unknown Bluesky handle says "fetching", then arrives with a score within 30 s', async () => {
    const person = world.carPeople('bluesky').find((p) => !p.special)!;
    const { answer, seen, ms } = await lookUntilSettled('bluesky', `@${person.handle}`);
    expect(seen[0]).toBe('fetching');
    expect(answer).toMatchObject({ platform: 'bluesky', query: person.handle, status: 'ready', accountId: expect.any(String) });
    expect(answer.score).toBeGreaterThanOrEqual(1);
    expect(ms).toBeLessThan(30_000);
    const { rows } = await t.db.pool.query(`SELECT followers_count::int AS f, last_fetched_at FROM social_accounts WHERE id = $1`, [answer.accountId]);
    expect(rows[0].f).toBe(person.followersCount);
    expect(rows[0].last_fetched_at).not.toBeNull();
  }, 60_000);

  it('a Mastodon handle in @user@host form is fetched too', async () => {
    const person = world.carPeople('mastodon').find((p) => !p.special)!;
    const { answer } = await lookUntilSettled('mastodon', `@${person.handle}`);
    expect(answer).toMatchObject({ status: 'ready', query: person.handle.toLowerCase() });
  }, 60_000);

  it('a handle that does not exist, a suspended account, and a network that is down get plain sentences', async () => {
    expect((await lookUntilSettled('bluesky', 'nobody-here.bsky.social')).answer).toMatchObject({ status: 'not-found', message: 'nobody-here.bsky.social does not exist on Bluesky (or was deleted).' });
    const suspended = world.special('bluesky', 'suspended')!;
    expect((await lookUntilSettled('bluesky', suspended.handle)).answer).toMatchObject({ status: 'suspended', message: `${suspended.handle} is suspended on Bluesky.` });
    bluesky.setDown(true);
    try {
      const { answer } = await lookUntilSettled('bluesky', 'someone-else.bsky.social', 60_000);
      expect(answer.status).toBe('unavailable');
      expect(answer.message).toMatch(/^127\.0\.0\.1:\d+ did not answer; try again in a few minutes\.$/);
    } finally {
      bluesky.setDown(false);
    }
    const bad = await t.graphql(LOOKUP, { p: 'bluesky', h: 'not a handle' }, brand.headers);
    expect(bad.errors?.[0]).toMatchObject({ message: '"not a handle" is not a Bluesky handle (like alice.bsky.social) or a DID (did:plc:...).', extensions: { code: 'BAD_USER_INPUT' } });
  }, 120_000);

  it('GET /v1/identity/{platform}/{handle}?fetch=true answers 202 while fetching, then the identity', async () => {
    const key = await createApiKey(t, brand.headers, 'lookup key');
    const person = world.carPeople('bluesky').filter((p) => !p.special)[3];
    const get = () => fetch(`${t.url}/v1/identity/bluesky/${person.handle}?fetch=true`, { headers: { 'x-api-key': key.secret } });
    const first = await get();
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({ status: 'fetching', retryAfterSeconds: 2 });
    const deadline = Date.now() + 30_000;
    let last = first;
    while (Date.now() < deadline && last.status === 202) {
      await new Promise((r) => setTimeout(r, 500));
      last = await get();
    }
    expect(last.status).toBe(200);
    expect(await last.json()).toMatchObject({ handle: person.handle });
  }, 60_000);

  it('POST /v1/lookup answers many handles in one call: known ones with their scores, unknown ones fetched, bad entries named', async () => {
    const key = await createApiKey(t, brand.headers, 'batch key');
    const post = (body: unknown) => fetch(`${t.url}/v1/lookup`, { method: 'POST', headers: { 'x-api-key': key.secret, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const [known, unknown] = world.carPeople('bluesky').filter((p) => !p.special).slice(5, 7);
    // One of them Renown already knows (looked up before, then scored).
    const settled = await lookUntilSettled('bluesky', known.handle);
    expect(settled.answer.status).toBe('ready');

    const handles = [
      { platform: 'bluesky', handle: known.handle },
      { platform: 'bluesky', handle: `@${unknown.handle}` },
      { platform: 'bluesky', handle: unknown.handle }, // asked twice: fetched once
      { platform: 'not a platform!', handle: 'x' },
      { platform: 'twitter', handle: 'nobody_known_here' },
    ];
    const first = await post({ handles, fetch: true });
    expect(first.status).toBe(200);
    const { results } = await first.json();
    expect(results.map((r: { status: string }) => r.status)).toEqual(['known', 'fetching', 'fetching', 'invalid', 'unknown']);
    expect(results[0]).toMatchObject({ platform: 'bluesky', handle: known.handle, account: { id: settled.answer.accountId, followers: known.followersCount, score: { band: expect.any(String) }, lastFetchedAt: expect.any(String) } });
    expect(results[0].account.score.score).toBeGreaterThanOrEqual(1);
    expect(Array.isArray(results[0].account.topTopics)).toBe(true);
    expect(results[3].message).toMatch(/is not a platform name/);
    expect(results[4].message).toBe('Renown does not know nobody_known_here on twitter.');
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM account_lookups WHERE query = $1`, [unknown.handle]);
    expect(rows[0].n).toBe(1);

    // Asked again until the fetch is in: the unknown one arrives with its profile's follower count.
    const deadline = Date.now() + 30_000;
    let again: { status: string; account?: { followers: number } }[] = [];
    do {
      await new Promise((r) => setTimeout(r, 500));
      again = (await (await post({ handles: handles.slice(1, 2), fetch: true })).json()).results;
    } while (again[0].status === 'fetching' && Date.now() < deadline);
    expect(again[0]).toMatchObject({ status: 'known', account: { followers: unknown.followersCount } });

    // Without fetch nothing is read; a malformed body or too many handles is a 400 that says what to send.
    expect((await (await post({ handles: [{ platform: 'bluesky', handle: 'someone-new.bsky.social' }] })).json()).results[0]).toMatchObject({ status: 'unknown', message: expect.stringContaining('send "fetch": true') });
    const tooMany = await post({ handles: Array.from({ length: 101 }, (_, i) => ({ platform: 'bluesky', handle: `h${i}.bsky.social` })) });
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'handles', message: expect.stringMatching(/with 1 to 100 handles; got 101/) });
    expect((await post({ nope: true })).status).toBe(400);
  }, 90_000);
});
