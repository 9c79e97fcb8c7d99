import { codeOf, createApiKey, signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { BillingClock } from '../../libs/billing/src/index.js';
import { type BillingHarness, billingOf, createBrand, startBillingHarness, subscribe } from '../billing/billing-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { dayString, insertAccount, insertAccountTopic, insertScore, insertScoringRun, insertTopicScore, topicIdBySlug } from './developer-api-factories.js';

/**
 * The developer API for the browser extension: extension keys scoped to the batch look-up and the lists routes
 * (403 KEY_SCOPE elsewhere), revocation at once, the brand's shortlists over REST (idempotent add, another brand's
 * list 404), the look-up's audience quality, why-line and console link, and CORS for /v1 with a real preflight.
 * Each test creates what it needs.
 */
describe('developer API for the browser extension', () => {
  let t: TestApp;
  let brand: SignedUp;
  let other: SignedUp;
  const ids: Record<string, string> = {};

  const v1 = async (secret: string | null, method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => {
    const headers: Record<string, string> = { ...extra };
    if (secret) headers.authorization = `Bearer ${secret}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${t.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  };
  const newKey = async (owner: SignedUp, kind: 'DEVELOPER' | 'EXTENSION', name = `${kind.toLowerCase()} key`) => {
    const res = await t.graphql(`mutation($n: String!, $k: ApiKeyKind) { createApiKey(name: $n, kind: $k) { secret apiKey { id } } }`, { n: name, k: kind }, owner.headers);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return { id: res.data.createApiKey.apiKey.id as string, secret: res.data.createApiKey.secret as string };
  };
  const newList = async (owner: SignedUp, name: string) => {
    const res = await t.graphql(`mutation($n: String!) { createShortlist(input: { name: $n }) { id } }`, { n: name }, owner.headers);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.createShortlist.id as string;
  };
  const apiCalls = async (brandId: string) => {
    const { rows } = await t.db.pool.query(`SELECT coalesce(sum(used), 0)::int AS used FROM billing_usage_counters WHERE brand_id = $1 AND metric = 'apiCalls'`, [brandId]);
    return rows[0].used as number;
  };
  const rateRows = async () => (await t.db.pool.query(`SELECT coalesce(sum(request_count), 0)::int AS n FROM developer_api_rate_counters`)).rows[0].n as number;

  beforeAll(async () => {
    t = await createTestApp();
    brand = await signUpBrand(t, { brandName: 'Extension Brand' });
    other = await signUpBrand(t, { brandName: 'Other Extension Brand' });
    const pool = t.db.pool;
    ids.jane = await insertAccount(pool, { platform: 'bluesky', externalId: 'did:plc:ext-jane', handle: 'jane-ext.bsky.social', displayName: 'Jane', followers: 48_000 });
    ids.bob = await insertAccount(pool, { platform: 'twitter', externalId: 'ext-bob', handle: 'BobDrives', followers: 1_200 });
    const day = dayString(new Date());
    const run = await insertScoringRun(pool, day);
    await insertScore(pool, run, ids.jane, day, 72.4, 96.5);
    await insertScore(pool, run, ids.bob, day, 35, 40);
    const ev = await topicIdBySlug(pool, 'electric-cars');
    await insertAccountTopic(pool, ids.jane, ev, 1, 0.9);
    await insertTopicScore(pool, ids.jane, ev, 88, 97.5);
    await pool.query(
      `INSERT INTO account_audience_quality (account_id, score, growth_anomalies, breakdown, sample_size, model_version, computed_at)
       VALUES ($1, 81, 0, $2::jsonb, 420, 'audience-quality-v1', '2026-11-20T06:00:00Z')`,
      [ids.jane, JSON.stringify({ confidence: 'high', band: { index: 4, label: '30k-100k followers' } })],
    );
  }, 60_000);
  afterAll(() => t?.close());

  it('lets an extension key look up handles and use the lists, and refuses it everywhere else with KEY_SCOPE (not metered)', async () => {
    const ext = await newKey(brand, 'EXTENSION');
    const listId = await newList(brand, 'Scope test list');
    expect((await v1(ext.secret, 'POST', '/v1/lookup', { handles: [{ platform: 'bluesky', handle: 'jane-ext.bsky.social' }] })).status).toBe(200);
    expect((await v1(ext.secret, 'GET', '/v1/lists')).status).toBe(200);
    expect((await v1(ext.secret, 'POST', `/v1/lists/${listId}/accounts`, { accountId: ids.bob })).status).toBe(200);

    const used = await apiCalls(brand.brandId);
    for (const [method, path] of [
      ['GET', `/v1/accounts/${ids.jane}`],
      ['GET', `/v1/accounts/${ids.jane}/score`],
      ['GET', '/v1/identity/bluesky/jane-ext.bsky.social'],
      ['GET', '/v1/usage'],
    ]) {
      const res = await v1(ext.secret, method, path);
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({
        code: 'KEY_SCOPE',
        reason: 'extension-key-scope',
        message: expect.stringMatching(new RegExp(`^An extension key can only look up handles and add accounts to lists \\(POST /v1/lookup, GET /v1/lists, POST /v1/lists/\\{id\\}/accounts\\); use a developer API key for ${method} ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\.`)),
      });
    }
    expect(await apiCalls(brand.brandId)).toBe(used);
  });

  it('lets a developer key do everything it did, the new routes included', async () => {
    const dev = await createApiKey(t, brand.headers, 'CRM sync');
    const listId = await newList(brand, 'Developer list');
    for (const path of [`/v1/accounts/${ids.jane}`, `/v1/accounts/${ids.jane}/score`, '/v1/identity/bluesky/jane-ext.bsky.social', '/v1/usage', '/v1/lists']) {
      expect([path, (await v1(dev.secret, 'GET', path)).status]).toEqual([path, 200]);
    }
    expect((await v1(dev.secret, 'POST', `/v1/lists/${listId}/accounts`, { accountId: ids.jane })).body).toMatchObject({ added: true });
  });

  it('refuses a revoked key on the very next request, extension or developer', async () => {
    for (const kind of ['EXTENSION', 'DEVELOPER'] as const) {
      const key = await newKey(brand, kind);
      expect((await v1(key.secret, 'GET', '/v1/lists')).status).toBe(200);
      const revoked = await t.graphql(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: key.id }, brand.headers);
      expect(revoked.data.revokeApiKey.revokedAt).toBeTruthy();
      const next = await v1(key.secret, 'GET', '/v1/lists');
      expect(next.status).toBe(401);
      expect(next.body.error).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'unknown-or-revoked-api-key' });
    }
  });

  it("lists the brand's shortlists with their size, and whether an account is on each", async () => {
    const o = await signUpBrand(t, { brandName: 'Lists Brand' });
    const ext = await newKey(o, 'EXTENSION');
    expect((await v1(ext.secret, 'GET', '/v1/lists')).body).toEqual({ lists: [] });
    const older = await newList(o, 'EV reviewers DE');
    const newer = await newList(o, 'Podcasters');
    await t.graphql(`mutation($l: ID!, $a: [ID!]!) { addToShortlist(shortlistId: $l, accountIds: $a) { added } }`, { l: newer, a: [ids.jane, ids.bob] }, o.headers);
    await newList(other, 'Not yours');

    const res = await v1(ext.secret, 'GET', '/v1/lists');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      lists: [
        { id: newer, name: 'Podcasters', size: 2, updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
        { id: older, name: 'EV reviewers DE', size: 0, updatedAt: expect.any(String) },
      ],
    });
    const withAccount = await v1(ext.secret, 'GET', `/v1/lists?accountId=${ids.jane}`);
    expect(withAccount.body.lists.map((l: { id: string; containsAccount: boolean }) => [l.id, l.containsAccount])).toEqual([[newer, true], [older, false]]);
    const bad = await v1(ext.secret, 'GET', '/v1/lists?accountId=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'accountId' });
  });

  it('adds an account to a list once: adding again changes nothing and says so', async () => {
    const ext = await newKey(brand, 'EXTENSION');
    const listId = await newList(brand, 'Idempotent list');
    const first = await v1(ext.secret, 'POST', `/v1/lists/${listId}/accounts`, { accountId: ids.jane });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      accountId: ids.jane,
      added: true,
      alreadyOnList: false,
      message: `Added account ${ids.jane} to "Idempotent list".`,
      list: { id: listId, name: 'Idempotent list', size: 1, updatedAt: expect.any(String) },
    });
    const { rows: before } = await t.db.pool.query(`SELECT updated_at FROM shortlists WHERE id = $1`, [listId]);
    const again = await v1(ext.secret, 'POST', `/v1/lists/${listId}/accounts`, { accountId: ids.jane });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ added: false, alreadyOnList: true, message: `Account ${ids.jane} is already on "Idempotent list"; nothing changed.`, list: { size: 1 } });
    const { rows: after } = await t.db.pool.query(`SELECT updated_at, (SELECT count(*)::int FROM shortlist_entries WHERE shortlist_id = $1) AS n FROM shortlists WHERE id = $1`, [listId]);
    expect(after[0]).toEqual({ updated_at: before[0].updated_at, n: 1 });
    // GraphQL sees the same list.
    const gql = await t.graphql(`query($id: ID!) { shortlist(id: $id) { entryCount } }`, { id: listId }, brand.headers);
    expect(gql.data.shortlist.entryCount).toBe(1);
  });

  it("answers another brand's list exactly like a missing one (404), and an unknown account 404; bad input is a 400 naming the field", async () => {
    const ext = await newKey(brand, 'EXTENSION');
    const mine = await newList(brand, 'Mine for errors');
    const theirs = await newList(other, 'Theirs for errors');
    const missing = String(BigInt(theirs) + 100000n);
    const a = await v1(ext.secret, 'POST', `/v1/lists/${theirs}/accounts`, { accountId: ids.jane });
    const b = await v1(ext.secret, 'POST', `/v1/lists/${missing}/accounts`, { accountId: ids.jane });
    expect(a.status).toBe(404);
    expect(b.status).toBe(404);
    expect(JSON.stringify(a.body).split(theirs).join('<id>')).toBe(JSON.stringify(b.body).split(missing).join('<id>'));
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM shortlist_entries WHERE shortlist_id = $1`, [theirs]);
    expect(rows[0].n).toBe(0);

    const unknown = await v1(ext.secret, 'POST', `/v1/lists/${mine}/accounts`, { accountId: '999999999' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', message: 'Account 999999999 is not known to Renown. Look accounts up with POST /v1/lookup.' });

    for (const [path, body, field] of [
      [`/v1/lists/${mine}/accounts`, {}, 'accountId'],
      [`/v1/lists/${mine}/accounts`, { accountId: 42 }, 'accountId'],
      [`/v1/lists/${mine}/accounts`, { accountId: 'jane' }, 'accountId'],
      ['/v1/lists/abc/accounts', { accountId: ids.jane }, 'id'],
    ] as const) {
      const res = await v1(ext.secret, 'POST', path, body);
      expect([path, JSON.stringify(body), res.status, res.body.error.code, res.body.error.field]).toEqual([path, JSON.stringify(body), 400, 'BAD_USER_INPUT', field]);
    }
    const { rows: entries } = await t.db.pool.query(`SELECT count(*)::int AS n FROM shortlist_entries WHERE shortlist_id = $1`, [mine]);
    expect(entries[0].n).toBe(0);
  });

  it('meters and rate-limits the lists routes like every other call', async () => {
    const o = await signUpBrand(t);
    const ext = await newKey(o, 'EXTENSION');
    const listId = await newList(o, 'Metered');
    const before = await apiCalls(o.brandId);
    const res = await v1(ext.secret, 'GET', '/v1/lists');
    expect(res.headers.get('x-ratelimit-limit')).toBe(String(t.config.DEVELOPER_API_RATE_LIMIT));
    await v1(ext.secret, 'POST', `/v1/lists/${listId}/accounts`, { accountId: ids.bob });
    expect(await apiCalls(o.brandId)).toBe(before + 2);
  });

  it("adds audience quality, the why-line and the console link to each known account of a batch; YouTube and Instagram are 'not read yet'", async () => {
    const ext = await newKey(brand, 'EXTENSION');
    const res = await v1(ext.secret, 'POST', '/v1/lookup', {
      handles: [
        { platform: 'bluesky', handle: '@jane-ext.bsky.social' },
        { platform: 'x', handle: 'bobdrives' },
        { platform: 'youtube', handle: '@somecreator' },
        { platform: 'Instagram', handle: 'somecreator' },
      ],
    });
    expect(res.status).toBe(200);
    const [jane, bob, yt, ig] = res.body.results;
    expect(jane).toMatchObject({
      status: 'known',
      account: {
        id: ids.jane,
        score: { score: 72.4, band: '70-79' },
        audienceQuality: { score: 81, confidence: 'high', sizeBand: '30k-100k followers', computedAt: '2026-11-20T06:00:00.000Z' },
        url: `/accounts/${ids.jane}`,
      },
    });
    // Discovery's one-liner for the account, word for word (as a shortlist entry's Influencer row shows it).
    expect(jane.account.why).toBe('Electric Cars influence 88/100 (top 3%); 48k followers');
    const listId = await newList(brand, 'Why list');
    await t.graphql(`mutation($l: ID!, $a: [ID!]!) { addToShortlist(shortlistId: $l, accountIds: $a) { added } }`, { l: listId, a: [ids.jane, ids.bob] }, brand.headers);
    const entries = await t.graphql(`query($id: ID!) { shortlist(id: $id) { entries { entries { influencer { accountId why audienceQuality } } } } }`, { id: listId }, brand.headers);
    const whyInConsole = Object.fromEntries(entries.data.shortlist.entries.entries.map((e: { influencer: { accountId: string; why: string } }) => [e.influencer.accountId, e.influencer.why]));
    expect(whyInConsole).toEqual({ [ids.jane]: jane.account.why, [ids.bob]: expect.any(String) });
    expect(bob).toMatchObject({ platform: 'twitter', status: 'known', account: { id: ids.bob, audienceQuality: null, why: 'Overall influence 35/100 (top 60%); 1.2k followers', url: `/accounts/${ids.bob}` } });
    expect(yt).toEqual({ platform: 'youtube', handle: '@somecreator', status: 'unknown', message: 'Renown does not read YouTube yet, so it has no score for somecreator.' });
    expect(ig).toMatchObject({ platform: 'instagram', status: 'unknown', message: 'Renown does not read Instagram yet, so it has no score for somecreator.' });
    // With fetch too: nothing is fetched for a network Renown does not read.
    const fetched = await v1(ext.secret, 'POST', '/v1/lookup', { handles: [{ platform: 'youtube', handle: 'another' }], fetch: true });
    expect(fetched.body.results[0]).toMatchObject({ status: 'unknown', message: expect.stringContaining('does not read YouTube yet') });
  });

  it('answers a CORS preflight for /v1 with 204, without a key and without counting it; real answers carry the CORS headers; GraphQL gets none', async () => {
    const ext = await newKey(brand, 'EXTENSION');
    const usedBefore = await apiCalls(brand.brandId);
    const ratesBefore = await rateRows();
    const preflight = await fetch(`${t.url}/v1/lookup`, {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toEqual(expect.stringContaining('authorization, content-type'));
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    expect(preflight.headers.get('access-control-max-age')).toBe('600');
    const preflightLists = await fetch(`${t.url}/v1/lists/123/accounts`, { method: 'OPTIONS', headers: { origin: 'https://bsky.app', 'access-control-request-method': 'POST' } });
    expect(preflightLists.status).toBe(204);
    expect(await rateRows()).toBe(ratesBefore);
    expect(await apiCalls(brand.brandId)).toBe(usedBefore);

    const real = await v1(ext.secret, 'POST', '/v1/lookup', { handles: [{ platform: 'bluesky', handle: 'jane-ext.bsky.social' }] }, { origin: 'https://bsky.app' });
    expect(real.status).toBe(200);
    expect(real.headers.get('access-control-allow-origin')).toBe('*');
    expect(real.headers.get('access-control-expose-headers')).toEqual(expect.stringContaining('Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset'));
    expect(real.headers.get('access-control-allow-credentials')).toBeNull();
    // Errors are readable by the page too.
    const refused = await v1(null, 'GET', '/v1/lists', undefined, { origin: 'https://bsky.app' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');

    const gqlPreflight = await fetch(`${t.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(gqlPreflight.headers.get('access-control-allow-origin')).toBeNull();
    const gql = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(gql.headers.get('access-control-allow-origin')).toBeNull();
    expect((await fetch(`${t.url}/health`, { headers: { origin: 'https://evil.example' } })).headers.get('access-control-allow-origin')).toBeNull();
    expect(codeOf(await t.graphql('{ me { actorType } }', {}, { 'x-api-key': ext.secret }))).toBe('FORBIDDEN');
  });
});

describe('developer API lists with billing on', () => {
  let h: BillingHarness;
  afterAll(() => h?.close());

  it("refuses adding to a list while the brand is read-only (unpaid), like GraphQL's addToShortlist; reading the lists still works", async () => {
    h = await startBillingHarness();
    const owner = await createBrand(h.app.db.pool, { name: 'Unpaid Extension Brand' });
    const { subscriptionId } = await subscribe(h, owner);
    const key = await h.app.graphql(`mutation { createApiKey(name: "ext", kind: EXTENSION) { secret } }`, {}, owner.headers);
    const secret = key.data.createApiKey.secret as string;
    const list = await h.app.graphql(`mutation { createShortlist(input: { name: "Unpaid list" }) { id } }`, {}, owner.headers);
    const listId = list.data.createShortlist.id as string;
    const { rows } = await h.app.db.pool.query(`INSERT INTO social_accounts (platform, external_id, handle, is_stub) VALUES ('twitter', 'unpaid-1', 'unpaid_one', false) RETURNING id::text`);
    const add = () =>
      fetch(`${h.app.url}/v1/lists/${listId}/accounts`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify({ accountId: rows[0].id }) });

    await h.stripe.failPayment(subscriptionId);
    const grace = await billingOf(h.app, owner);
    const clock = h.app.app.get(BillingClock);
    clock.now = () => new Date(new Date(grace.graceEndsAt).getTime() + 1000);
    expect((await billingOf(h.app, owner)).readOnly).toBe(true);

    const refused = await add();
    expect(refused.status).toBe(402);
    expect((await refused.json()).error).toMatchObject({ code: 'PAYMENT_REQUIRED', message: expect.stringMatching(/read-only/i) });
    const gql = await h.app.graphql(`mutation($l: ID!, $a: [ID!]!) { addToShortlist(shortlistId: $l, accountIds: $a) { added } }`, { l: listId, a: [rows[0].id] }, owner.headers);
    expect(gql.errors?.[0].extensions?.code).toBe('PAYMENT_REQUIRED');
    const lists = await fetch(`${h.app.url}/v1/lists`, { headers: { authorization: `Bearer ${secret}` } });
    expect(lists.status).toBe(200);
    expect((await lists.json()).lists).toMatchObject([{ id: listId, size: 0 }]);
  }, 60_000);
});
