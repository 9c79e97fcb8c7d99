import { UsageService } from '../../libs/billing/src/index.js';
import { INFLUENCE_MODEL_VERSION } from '../../libs/scoring/src/index.js';
import { DeveloperApiRepository } from '../../libs/discovery/src/developer-api/reading/developer-api.repository.js';
import { createApiKey } from '../accounts/accounts-test-helpers.js';
import { createBrand, type TestMember } from '../billing/billing-fixtures.js';
import { FakeStripe } from '../support/fake-stripe/fake-stripe-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  DAY_MS,
  dayString,
  hideTopic,
  insertAccount,
  insertAccountTopic,
  insertPerson,
  insertScore,
  insertScoringRun,
  insertTopicScore,
  interact,
  topicIdBySlug,
} from './developer-api-factories.js';

/**
 * The developer REST API through the real API process with real API keys (created through GraphQL as an
 * owner would), billing on against the fake Stripe, on a small social graph written into the real tables.
 */
describe('developer API (/v1)', () => {
  let stripe: FakeStripe;
  let t: TestApp;
  let brandA: TestMember;
  let brandB: TestMember;
  let keyA: { id: string; secret: string };
  let keyB: { id: string; secret: string };
  const ids: Record<string, string> = {};
  let personJane: string;
  const bigExternalId = '1590000000000000001'; // > 2^53: must come back exactly

  const today = new Date();
  const asOfDay = dayString(new Date(today.getTime() - DAY_MS));
  const asOf = new Date(`${asOfDay}T12:00:00Z`);
  const daysBefore = (n: number) => dayString(new Date(Date.parse(`${asOfDay}T00:00:00Z`) - n * DAY_MS));

  const call = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.url}${path}`, { headers });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };
  const withKey = (secret: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${secret}`, ...extra });
  const apiCallsUsed = async (brandId: string) => {
    const { rows } = await t.db.pool.query(`SELECT coalesce(sum(used), 0)::int AS used FROM billing_usage_counters WHERE brand_id = $1 AND metric = 'apiCalls'`, [brandId]);
    return rows[0].used as number;
  };

  beforeAll(async () => {
    stripe = await FakeStripe.start();
    t = await createTestApp(stripe.env());
    stripe.webhookUrl = `${t.url}/webhooks/stripe`;
    const pool = t.db.pool;

    brandA = await createBrand(pool, { name: 'EV Brand' });
    brandB = await createBrand(pool, { name: 'Other Brand' });
    keyA = await createApiKey(t, brandA.headers, 'CRM sync');
    keyB = await createApiKey(t, brandB.headers, 'Other CRM');

    personJane = await insertPerson(pool, 'Jane');
    ids.jane = await insertAccount(pool, { externalId: bigExternalId, handle: 'JaneDrivesEV', displayName: 'Jane Drives EV', personId: personJane, followers: 48_000, following: 512 });
    ids.janeBsky = await insertAccount(pool, { platform: 'bluesky', externalId: 'did:plc:jane', handle: 'jane.bsky.social', personId: personJane });
    // A stub with the same handle (seen only as a mention target) must not win the lookup.
    ids.janeStub = await insertAccount(pool, { externalId: '77', handle: 'janedrivesev', isStub: true, followers: 0 });
    ids.bigAuto = await insertAccount(pool, { externalId: '101', handle: 'bigauto', followers: 2_000_000 });
    ids.smallBlog = await insertAccount(pool, { externalId: '102', handle: 'smallblog' });
    ids.fanOne = await insertAccount(pool, { externalId: '201', handle: 'fan_one' });
    ids.casual = await insertAccount(pool, { externalId: '202', handle: 'casual_reader' });
    ids.bot = await insertAccount(pool, { externalId: '203', handle: 'bot123', createdAt: new Date(asOf.getTime() - 3 * DAY_MS), posts: 0, following: 5000 });
    ids.oldFan = await insertAccount(pool, { externalId: '204', handle: 'old_fan' });
    ids.unscored = await insertAccount(pool, { externalId: '300', handle: 'newcomer' });

    const run = await insertScoringRun(pool, asOfDay);
    await insertScore(pool, run, ids.jane, daysBefore(30), 50, 70);
    await insertScore(pool, run, ids.jane, daysBefore(7), 60, 80);
    await insertScore(pool, run, ids.jane, daysBefore(1), 63.5, 85);
    await insertScore(pool, run, ids.jane, asOfDay, 64.3, 88.123);
    await insertScore(pool, run, ids.bigAuto, asOfDay, 91.2, 99.9);

    const ev = await topicIdBySlug(pool, 'electric-cars');
    const cars = await topicIdBySlug(pool, 'cars');
    const { rows: other } = await pool.query(`SELECT id FROM topics WHERE slug NOT IN ('electric-cars', 'cars') ORDER BY slug LIMIT 1`);
    await insertAccountTopic(pool, ids.jane, ev, 1, 0.9);
    await insertAccountTopic(pool, ids.jane, cars, 2, 0.6);
    await insertAccountTopic(pool, ids.jane, other[0].id, 3, 0.2);
    await hideTopic(pool, ids.jane, other[0].id); // hidden by Jane: never shown
    await insertTopicScore(pool, ids.jane, ev, 88, 97.5);

    const recent = new Date(asOf.getTime() - 2 * DAY_MS);
    // Jane's influencers: whom she engages with.
    await interact(pool, ids.jane, ids.bigAuto, 'repost', recent, 3);
    await interact(pool, ids.jane, ids.bigAuto, 'follow', new Date('2020-01-01T00:00:00Z'));
    await interact(pool, ids.jane, ids.smallBlog, 'like', recent);
    // Jane's influencees: who engages with her.
    await interact(pool, ids.fanOne, ids.jane, 'repost', recent, 2);
    await interact(pool, ids.fanOne, ids.jane, 'reply', recent);
    await interact(pool, ids.casual, ids.jane, 'like', recent, 2);
    await interact(pool, ids.bot, ids.jane, 'repost', recent, 3);
    await interact(pool, ids.janeBsky, ids.jane, 'repost', recent); // her own other account: not a link
    await interact(pool, ids.oldFan, ids.jane, 'repost', new Date(asOf.getTime() - 200 * DAY_MS)); // outside the window
  });

  afterAll(async () => {
    await t?.close();
    await stripe?.close();
  });

  describe('identity', () => {
    it('finds the Renown id of a platform handle, whatever its case or leading @, with ids as strings', async () => {
      const res = await call(`/v1/identity/twitter/${encodeURIComponent('@janedrivesev')}`, withKey(keyA.secret));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id: ids.jane, platform: 'twitter', handle: 'JaneDrivesEV', externalId: bigExternalId, personId: personJane });
    });

    it('finds an account by its platform id too', async () => {
      const res = await call(`/v1/identity/twitter/id/${bigExternalId}`, withKey(keyA.secret));
      expect(res.body.id).toBe(ids.jane);
      const bsky = await call('/v1/identity/bluesky/jane.bsky.social', withKey(keyA.secret));
      expect(bsky.body).toMatchObject({ id: ids.janeBsky, personId: personJane });
    });

    it('says plainly when a handle is unknown', async () => {
      const res = await call('/v1/identity/twitter/nobody_here', withKey(keyA.secret));
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('No twitter account with the handle "nobody_here"') });
    });

    it('refuses a malformed platform with a 400 that names it', async () => {
      const res = await call('/v1/identity/tw%20itter/jane', withKey(keyA.secret));
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'platform' });
    });
  });

  describe('account and score', () => {
    it('returns the account with its score and band', async () => {
      const res = await call(`/v1/accounts/${ids.jane}`, withKey(keyA.secret));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: ids.jane,
        handle: 'JaneDrivesEV',
        displayName: 'Jane Drives EV',
        followers: 48_000,
        score: { score: 64.3, band: '60-69', percentile: 88.12, day: asOfDay },
      });
    });

    it('gives the score with day, week and month changes and its band', async () => {
      const res = await call(`/v1/accounts/${ids.jane}/score`, withKey(keyA.secret));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        accountId: ids.jane,
        score: 64.3,
        band: '60-69',
        percentile: 88.12,
        day: asOfDay,
        modelVersion: INFLUENCE_MODEL_VERSION,
        scoreDelta: { dayChange: 0.8, weekChange: 4.3, monthChange: 14.3 },
        subScores: { reach: 41.5, amplification: 22.25, network: 30 },
      });
    });

    it('says when an account has no score yet, and when an id is not an id', async () => {
      const unscored = await call(`/v1/accounts/${ids.unscored}/score`, withKey(keyA.secret));
      expect(unscored.status).toBe(404);
      expect(unscored.body.error).toMatchObject({ code: 'NOT_FOUND', reason: 'not-scored-yet', message: expect.stringContaining('has no Renown score yet') });
      const missing = await call('/v1/accounts/999999999/score', withKey(keyA.secret));
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toMatch(/Account 999999999 is not known to Renown/);
      const bad = await call('/v1/accounts/jane/score', withKey(keyA.secret));
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('/v1/identity/') });
    });
  });

  it('lists the visible topics, strongest first, with topic scores (a hidden topic never shows)', async () => {
    const res = await call(`/v1/accounts/${ids.jane}/topics`, withKey(keyA.secret));
    expect(res.status).toBe(200);
    expect(res.body.accountId).toBe(ids.jane);
    expect(res.body.topics.map((x: any) => x.slug)).toEqual(['electric-cars', 'cars']);
    expect(res.body.topics[0]).toMatchObject({ rank: 1, score: 88, percentile: 97.5, displayName: expect.any(String), topicType: expect.stringMatching(/^(super|sub)$/) });
    expect(res.body.topics[1]).toMatchObject({ rank: 2, score: null, percentile: null });
  });

  describe('influence', () => {
    it('ranks top influencers and influencees by interactions weighted like scoring', async () => {
      const res = await call(`/v1/accounts/${ids.jane}/influence`, withKey(keyA.secret));
      expect(res.status).toBe(200);
      const body = res.body;
      expect(body.myInfluencers.map((e: any) => e.account.handle)).toEqual(['bigauto', 'smallblog']);
      expect(body.myInfluencers[0]).toMatchObject({
        account: { id: ids.bigAuto, platform: 'twitter', score: 91.2, band: '90-100' },
        interactions: { reposts: 3, follows: true, likes: 0 },
      });
      // Her own bluesky account and a fan from 200 days ago are no links; a bot's reposts count little.
      expect(body.myInfluencees.map((e: any) => e.account.handle)).toEqual(['fan_one', 'casual_reader', 'bot123']);
      expect(body.myInfluencees[0].interactions).toEqual({ reposts: 2, quotes: 0, replies: 1, mentions: 0, likes: 0, follows: false });
      expect(body.myInfluencees[0].strength).toBeGreaterThan(body.myInfluencees[1].strength);
      expect(body).toMatchObject({ accountId: ids.jane, myInfluencersCount: 2, myInfluenceesCount: 3 });
      expect(Date.parse(body.window.to) - Date.parse(body.window.from)).toBe(90 * DAY_MS);
      expect(body.window.complete).toBe(true);
    });

    it('bounds the work on large accounts: a few candidates ranked exactly, counts of all, and says when interactions were cut', async () => {
      const repo = t.app.get(DeveloperApiRepository);
      const asOfRun = await repo.scoringAsOf();
      const few = await repo.interactionAggregates(ids.jane, asOfRun, [ids.janeBsky], 1, 1000);
      expect(few.totals).toEqual({ out: 2, in: 3 });
      expect(few.complete).toBe(true);
      expect([...new Set(few.aggregates.filter((a) => a.direction === 'out').map((a) => a.otherId))]).toEqual([ids.bigAuto]);
      expect([...new Set(few.aggregates.filter((a) => a.direction === 'in').map((a) => a.otherId))]).toEqual([ids.bot]); // strongest before the bot discount
      const cut = await repo.interactionAggregates(ids.jane, asOfRun, [ids.janeBsky], 2000, 2);
      expect(cut.complete).toBe(false);
    });

    it('takes a limit and keeps the counts', async () => {
      const res = await call(`/v1/accounts/${ids.jane}/influence?limit=1`, withKey(keyA.secret));
      expect(res.body.myInfluencees).toHaveLength(1);
      expect(res.body.myInfluenceesCount).toBe(3);
      const bad = await call(`/v1/accounts/${ids.jane}/influence?limit=500`, withKey(keyA.secret));
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/limit must be a whole number from 1 to 25/);
    });
  });

  describe('authentication: API keys only', () => {
    it('refuses a request without a key, saying how to send one', async () => {
      const res = await call(`/v1/accounts/${ids.jane}/score`);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(res.body.error).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'missing-api-key', message: expect.stringContaining('Authorization: Bearer rnk_') });
    });

    it('refuses a console session, by cookie or bearer token', async () => {
      const cookie = await call(`/v1/accounts/${ids.jane}/score`, { cookie: `renown_session=${brandA.token}` });
      expect(cookie.status).toBe(401);
      expect(cookie.body.error.reason).toBe('session-not-accepted');
      const bearer = await call(`/v1/accounts/${ids.jane}/score`, brandA.headers);
      expect(bearer.status).toBe(401);
      expect(bearer.body.error.message).toMatch(/does not accept console sessions/);
    });

    it('accepts the X-Api-Key header as well', async () => {
      const res = await call(`/v1/accounts/${ids.jane}/score`, { 'x-api-key': keyA.secret });
      expect(res.status).toBe(200);
    });

    it('refuses a revoked key from the moment it is revoked, and an unknown one', async () => {
      const key = await createApiKey(t, brandA.headers, 'short-lived');
      expect((await call(`/v1/accounts/${ids.jane}/score`, withKey(key.secret))).status).toBe(200);
      const revoked = await t.graphql(`mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`, { id: key.id }, brandA.headers);
      expect(revoked.errors).toBeUndefined();
      const after = await call(`/v1/accounts/${ids.jane}/score`, withKey(key.secret));
      expect(after.status).toBe(401);
      expect(after.body.error).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'unknown-or-revoked-api-key' });
      const unknown = await call(`/v1/accounts/${ids.jane}/score`, withKey('rnk_not_a_real_key_at_all_0000000000'));
      expect(unknown.body.error.reason).toBe('unknown-or-revoked-api-key');
    });
  });

  describe('metering', () => {
    it('counts every accepted call as apiCalls of the key\'s brand; another brand sees the same data and its own usage', async () => {
      const beforeA = await apiCallsUsed(brandA.brandId);
      const beforeB = await apiCallsUsed(brandB.brandId);
      const a = await call(`/v1/accounts/${ids.jane}/influence`, withKey(keyA.secret));
      await call(`/v1/accounts/${ids.jane}/topics`, withKey(keyA.secret));
      await call('/v1/identity/twitter/nobody_here', withKey(keyA.secret)); // a 404 is still a call
      const b = await call(`/v1/accounts/${ids.jane}/influence`, withKey(keyB.secret));
      expect(b.body).toEqual(a.body);
      expect(await apiCallsUsed(brandA.brandId)).toBe(beforeA + 3);
      expect(await apiCallsUsed(brandB.brandId)).toBe(beforeB + 1);

      // Refused calls are not counted.
      await call(`/v1/accounts/${ids.jane}/score`);
      expect(await apiCallsUsed(brandA.brandId)).toBe(beforeA + 3);

      // Each brand reads its own usage (not itself a billed call); the plan's limit comes with it.
      const usageA = await call('/v1/usage', withKey(keyA.secret));
      const usageB = await call('/v1/usage', withKey(keyB.secret));
      expect(usageA.body.apiCalls).toEqual({ used: beforeA + 3, limit: 1000 });
      expect(usageB.body.apiCalls).toEqual({ used: beforeB + 1, limit: 1000 });
      expect(await apiCallsUsed(brandA.brandId)).toBe(beforeA + 3);
    });

    it('shows the same count in the billing usage the console reads', async () => {
      const res = await t.graphql(`query { billing { usage { metric used limit } } }`, {}, brandB.headers);
      expect(res.errors).toBeUndefined();
      expect(res.data.billing.usage).toContainEqual({ metric: 'API_CALLS', used: await apiCallsUsed(brandB.brandId), limit: 1000 });
    });

    it('counts a retried request with the same Idempotency-Key once', async () => {
      const before = await apiCallsUsed(brandB.brandId);
      const headers = withKey(keyB.secret, { 'idempotency-key': 'sync-2026-11-22-jane' });
      expect((await call(`/v1/accounts/${ids.jane}/score`, headers)).status).toBe(200);
      expect((await call(`/v1/accounts/${ids.jane}/score`, headers)).status).toBe(200);
      expect(await apiCallsUsed(brandB.brandId)).toBe(before + 1);
    });

    it('over the plan\'s monthly API calls: 402 QUOTA_EXCEEDED naming the limit and the way out, nothing counted', async () => {
      const brand = await createBrand(t.db.pool, { name: 'Busy Brand' });
      const key = await createApiKey(t, brand.headers, 'busy');
      await t.app.get(UsageService).record(brand.brandId as never, 'apiCalls', 1000, 'earlier-calls');
      const res = await call(`/v1/accounts/${ids.jane}/score`, withKey(key.secret));
      expect(res.status).toBe(402);
      expect(res.body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', metric: 'apiCalls', limit: 1000, used: 1000 });
      expect(res.body.error.message).toMatch(/has used 1,000 of its 1,000 API calls per month on the Trial plan\. Upgrade to Growth/);
      expect(await apiCallsUsed(brand.brandId)).toBe(1000);
    });

    it('a plan without API access: 402 saying so', async () => {
      const lapsed = await createBrand(t.db.pool, { name: 'Lapsed Trial', createdAt: new Date(Date.now() - 40 * DAY_MS) });
      const key = await createApiKey(t, lapsed.headers, 'lapsed');
      const res = await call(`/v1/accounts/${ids.jane}/score`, withKey(key.secret));
      expect(res.status).toBe(402);
      expect(res.body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', metric: 'apiAccess' });
      expect(res.body.error.message).toMatch(/does not include API access/);
    });
  });

  it('answers unknown /v1 paths with a JSON error', async () => {
    const res = await call('/v1/accounts', withKey(keyA.secret));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});
