import { resetInstagramPacing } from '../../libs/sources/src/networks/instagram/instagram-connector.js';
import { signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildInstagramWorld, startFakeInstagramGraph, type FakeInstagramGraph, type InstagramWorld } from '../support/fake-networks/index.js';

/*
 * Instagram look-ups end to end against the fake Graph API: a brand with its own token looks up a username (any of
 * name, @name, an instagram.com URL), the worker reads it through Business Discovery with that brand's token and
 * the account and its latest 50 media land in the graph; a brand with no token (and none configured) is refused at
 * once; personal and age-gated accounts, a refused token and a spent usage limit get plain sentences; a malformed
 * page is quarantined while the others go in; a username list queues one look-up per distinct username.
 */
const LOOKUP = `query($p: String!, $h: String!) { influencerLookup(platform: $p, handle: $h) { platform query status message accountId score } }`;
const MANY = `mutation($p: String!, $h: [String!]!) { lookupMany(platform: $p, handles: $h) { input handle outcome status message accountId } }`;
const PROGRESS = `query($p: String!, $h: [String!]!) { lookupProgress(platform: $p, handles: $h) { query status message accountId } }`;
const SETTLED = (s: string) => s !== 'fetching';

describe('Instagram look-ups and username lists', () => {
  let t: TestApp;
  let world: InstagramWorld;
  let graph: FakeInstagramGraph;
  let brand: SignedUp;
  let tokenless: SignedUp;

  beforeAll(async () => {
    world = buildInstagramWorld();
    graph = await startFakeInstagramGraph(world);
    t = await createTestApp({ INSTAGRAM_GRAPH_URL: graph.url, INSTAGRAM_RATE_LIMIT: '3000/30' });
    [brand, tokenless] = [await signUpBrand(t), await signUpBrand(t)];
    await t.db.pool.query(`INSERT INTO network_credentials (brand_id, network, secret, account_id) VALUES ($1, 'instagram', $2, $3)`, [brand.brandId, world.token, world.brandAccountId]);
    await t.startWorker();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await graph?.close();
  });
  beforeEach(() => {
    resetInstagramPacing();
    graph.setUsage({ call_count: 5, total_cputime: 3, total_time: 3, estimated_time_to_regain_access: 0 }, 0);
  });

  const lookUntilFetched = async (handle: string, who = brand, timeoutMs = 45_000) => {
    const started = Date.now();
    for (;;) {
      const res = await t.graphql(LOOKUP, { p: 'instagram', h: handle }, who.headers);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      const answer = res.data.influencerLookup;
      if (SETTLED(answer.status) || Date.now() - started > timeoutMs) return answer;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const postsOf = async (accountId: string) =>
    (await t.db.pool.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE like_count IS NULL)::int AS hidden FROM posts WHERE author_account_id = $1 AND NOT is_stub`, [accountId])).rows[0];

  it('refuses at once when neither the brand nor the configuration has an Instagram token', async () => {
    const res = await t.graphql(LOOKUP, { p: 'instagram', h: 'ev_julia' }, tokenless.headers);
    expect(res.errors?.[0]).toMatchObject({
      message: "Instagram is read through a brand's own professional account: paste an Instagram access token and business account id in Sources, or set INSTAGRAM_ACCESS_TOKEN and INSTAGRAM_BUSINESS_ACCOUNT_ID.",
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const many = await t.graphql(MANY, { p: 'instagram', h: ['ev_julia'] }, tokenless.headers);
    expect(many.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM account_lookups`)).rows[0].n).toBe(0);
    expect(graph.requests).toHaveLength(0);
  });

  it("fetches a username with the brand's token: the account and its latest 50 media land in the graph", async () => {
    const julia = world.byUsername('ev_julia');
    const answer = await lookUntilFetched('https://www.instagram.com/EV_Julia/?hl=en');
    expect(answer).toMatchObject({ platform: 'instagram', query: 'ev_julia', accountId: expect.any(String) });
    expect(['scoring', 'ready']).toContain(answer.status);
    const { rows } = await t.db.pool.query(
      `SELECT external_id, handle, display_name, followers_count::int AS f, following_count::int AS g, posts_count::int AS p, details, last_fetched_at FROM social_accounts WHERE id = $1`,
      [answer.accountId],
    );
    expect(rows[0]).toMatchObject({ external_id: julia.id, handle: 'ev_julia', display_name: 'Julia Winter', f: 48_210, g: 312, p: 60, details: { website: 'https://juliawinter.example', mediaCount: 60 } });
    expect(rows[0].last_fetched_at).not.toBeNull();
    expect(await postsOf(answer.accountId)).toEqual({ n: 50, hidden: 10 });
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM social_accounts WHERE platform = 'instagram' AND NOT is_stub`)).rows[0].n).toBe(1);
    const lookups = await t.db.pool.query(`SELECT brand_id::text AS b, status FROM account_lookups WHERE query = 'ev_julia'`);
    expect(lookups.rows).toEqual([{ b: brand.brandId, status: 'done' }]);
    expect(graph.requests.filter((r) => r.username === 'ev_julia').map((r) => r.tokenValid)).toEqual([true, true]);
    // Asked again: answered from what Renown holds, nothing read.
    const before = graph.requests.length;
    expect((await t.graphql(LOOKUP, { p: 'instagram', h: '@ev_julia' }, brand.headers)).data.influencerLookup.accountId).toBe(answer.accountId);
    expect(graph.requests).toHaveLength(before);
  }, 60_000);

  it('personal and age-gated accounts get a plain sentence; a bad username is refused', async () => {
    for (const name of ['my.private.life', 'brewhouse.ales']) {
      expect(await lookUntilFetched(name)).toMatchObject({
        status: 'not-found',
        message: `Instagram does not share @${name}: only business and creator accounts can be read (not personal or age-gated ones), or the username does not exist.`,
      });
    }
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM social_accounts WHERE platform = 'instagram' AND handle IN ('my.private.life', 'brewhouse.ales')`)).rows[0].n).toBe(0);
    const bad = await t.graphql(LOOKUP, { p: 'instagram', h: 'not a username!' }, brand.headers);
    expect(bad.errors?.[0].message).toBe('"not a username!" is not an Instagram username (letters, digits, periods and underscores, at most 30, like @ev_julia).');
  }, 60_000);

  it('a malformed media page is quarantined while the profile and the first page go in', async () => {
    graph.inject({ match: /username\(torque\.tom\).*after\(/, kind: 'malformed' });
    const answer = await lookUntilFetched('torque.tom');
    expect(['scoring', 'ready']).toContain(answer.status);
    expect(await postsOf(answer.accountId)).toEqual({ n: 25, hidden: 5 });
    const q = await t.db.pool.query(`SELECT q.file, q.reason FROM import_quarantine q JOIN import_runs r ON r.id = q.import_run_id WHERE r.file = 'lookup torque.tom'`);
    expect(q.rows).toEqual([{ file: expect.stringContaining('business_discovery.username%28torque.tom%29'), reason: 'business_discovery answered HTTP 200 with a body that is not JSON' }]);
  }, 60_000);

  it('a spent usage limit stops the look-up with a sentence saying until when', async () => {
    graph.setUsage({ call_count: 100, estimated_time_to_regain_access: 12 });
    const answer = await lookUntilFetched('voltgarage');
    expect(answer.status).toBe('unavailable');
    expect(answer.message).toMatch(/^Instagram's usage limit for this account is reached \(call_count 100%.*\), so Renown has stopped reading Instagram until \d\d:\d\d UTC \(in about 12 minutes\), when Instagram says calls are allowed again\.$/);
  }, 60_000);

  it("a refused token fails with a sentence that says what to do, remembered for that brand only", async () => {
    await t.db.pool.query(`UPDATE network_credentials SET secret = 'EAAGrevoked' WHERE brand_id = $1`, [brand.brandId]);
    try {
      const answer = await lookUntilFetched('rally_rui');
      expect(answer).toMatchObject({ status: 'failed', message: 'Instagram refused the access token (Invalid OAuth access token - Cannot parse access token). Paste a new token in Sources, or set INSTAGRAM_ACCESS_TOKEN.' });
      // Another brand (with no token) is not told about this brand's token: it is refused for its own reason.
      const other = await t.graphql(PROGRESS, { p: 'instagram', h: ['rally_rui'] }, tokenless.headers);
      expect(other.data.lookupProgress).toEqual([{ query: 'rally_rui', status: 'not-found', message: 'Renown does not know rally_rui yet.', accountId: null }]);
    } finally {
      await t.db.pool.query(`UPDATE network_credentials SET secret = $2 WHERE brand_id = $1`, [brand.brandId, world.token]);
    }
  }, 60_000);

  it('a username list queues one look-up per distinct username, metered like single look-ups, and its progress can be followed', async () => {
    const searches = async () => (await t.db.pool.query(`SELECT count(*)::int AS n FROM billing_usage_records WHERE brand_id = $1 AND metric = 'searches' AND idempotency_key LIKE 'lookup:%'`, [brand.brandId])).rows[0].n;
    // ev_julia is known before the list is sent (looked up here, or by an earlier test: either way one fetch).
    expect(['scoring', 'ready']).toContain((await lookUntilFetched('ev_julia')).status);
    const before = await searches();
    const list = ['mia_classics', '@MIA_CLASSICS', 'https://www.instagram.com/shine.detailing/', 'pam.bakes', 'not a username!', 'ev_julia'];
    const res = await t.graphql(MANY, { p: 'instagram', h: list }, brand.headers);
    expect(res.errors).toBeUndefined();
    expect(res.data.lookupMany.map((r: { handle: string | null; outcome: string }) => [r.handle, r.outcome])).toEqual([
      ['mia_classics', 'queued'],
      ['mia_classics', 'duplicate'],
      ['shine.detailing', 'queued'],
      ['pam.bakes', 'queued'],
      [null, 'invalid'],
      ['ev_julia', 'known'],
    ]);
    expect(res.data.lookupMany[4].message).toMatch(/is not an Instagram username/);
    expect((await searches()) - before).toBe(3);

    const handles = ['mia_classics', 'shine.detailing', 'pam.bakes'];
    const deadline = Date.now() + 45_000;
    let progress: { query: string; status: string; accountId: string | null }[] = [];
    do {
      await new Promise((r) => setTimeout(r, 250));
      progress = (await t.graphql(PROGRESS, { p: 'instagram', h: handles }, brand.headers)).data.lookupProgress;
    } while (progress.some((p) => p.status === 'fetching') && Date.now() < deadline);
    expect(progress.map((p) => [p.query, ['scoring', 'ready'].includes(p.status)])).toEqual(handles.map((h) => [h, true]));
    expect(await Promise.all(progress.map((p) => postsOf(p.accountId!)))).toEqual([
      { n: 12, hidden: 2 },
      { n: 9, hidden: 2 },
      { n: 6, hidden: 1 },
    ]);
    // The three of the list landed once each, with their media (whatever other tests looked up before).
    const landed = await t.db.pool.query(
      `SELECT count(DISTINCT a.id)::int AS accounts, count(p.id)::int AS posts FROM social_accounts a LEFT JOIN posts p ON p.author_account_id = a.id AND NOT p.is_stub
        WHERE a.platform = 'instagram' AND NOT a.is_stub AND a.handle = ANY($1)`,
      [handles],
    );
    expect(landed.rows[0]).toEqual({ accounts: 3, posts: 12 + 9 + 6 });

    const tooMany = await t.graphql(MANY, { p: 'instagram', h: Array.from({ length: 501 }, (_, i) => `user_${i}`) }, brand.headers);
    expect(tooMany.errors?.[0]).toMatchObject({ message: 'Send 1 to 500 usernames per list; got 501.', extensions: { code: 'BAD_USER_INPUT' } });
  }, 70_000);

  it('refuses crawls on Instagram up front, saying how its accounts come in', async () => {
    const res = await t.graphql(`mutation($i: StartCrawlInput!) { startCrawl(input: $i) { id } }`, { i: { network: 'instagram', terms: ['cars'], maxAccounts: 10 } }, brand.headers);
    expect(res.errors?.[0]).toMatchObject({ message: 'Instagram cannot be crawled: it has no account search. Instagram accounts come in by look-up or a username list (Sources screen, or GraphQL lookupMany).', extensions: { code: 'BAD_USER_INPUT' } });
  });
});
