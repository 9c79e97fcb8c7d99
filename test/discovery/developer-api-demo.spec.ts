import { createApiKey } from '../accounts/accounts-test-helpers.js';
import { createBrand } from '../billing/billing-fixtures.js';
import { loadDemoDataset } from '../support/demo-dataset.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The developer API against the demo dataset (generated graph through the real importer and scoring). */
describe('developer API on the demo dataset', () => {
  let t: TestApp;
  let secret: string;
  let star: { id: string; handle: string; score: number };

  beforeAll(async () => {
    t = await createTestApp();
    await loadDemoDataset(t.db.url);
    const brand = await createBrand(t.db.pool, { name: 'Demo API Brand' });
    secret = (await createApiKey(t, brand.headers, 'demo')).secret;
    // The best-scored real account that has topics and is engaged with.
    const { rows } = await t.db.pool.query(
      `SELECT a.id::text AS id, a.handle, s.score::float8 AS score
       FROM social_accounts a JOIN account_score_snapshots s ON s.account_id = a.id
       WHERE NOT a.is_stub AND a.handle IS NOT NULL
         AND EXISTS (SELECT 1 FROM account_topics t WHERE t.account_id = a.id)
         AND EXISTS (SELECT 1 FROM interactions i WHERE i.target_account_id = a.id AND i.type <> 'follow')
       ORDER BY s.score DESC, a.id LIMIT 1`,
    );
    star = rows[0];
  }, 240_000);

  afterAll(() => t?.close());

  const get = async (path: string) => {
    const res = await fetch(`${t.url}${path}`, { headers: { 'x-api-key': secret } });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('goes from a handle to its score, topics and influence', async () => {
    expect(star).toBeDefined();
    const identity = await get(`/v1/identity/twitter/${encodeURIComponent(star.handle.toUpperCase())}`);
    expect(identity.status).toBe(200);
    expect(identity.body.id).toBe(star.id);

    const score = await get(`/v1/accounts/${star.id}/score`);
    expect(score.status).toBe(200);
    expect(score.body.score).toBeCloseTo(star.score, 1);
    const low = Math.floor(Math.min(score.body.score, 99.99) / 10) * 10;
    expect(score.body.band).toBe(low === 0 ? '1-9' : low === 90 ? '90-100' : `${low}-${low + 9}`);
    expect(Object.keys(score.body.scoreDelta)).toEqual(['dayChange', 'weekChange', 'monthChange']);

    const topics = await get(`/v1/accounts/${star.id}/topics`);
    expect(topics.body.topics.length).toBeGreaterThan(0);
    expect(topics.body.topics.map((x: any) => x.rank)).toEqual([...topics.body.topics.map((x: any) => x.rank)].sort((a, b) => a - b));

    const influence = await get(`/v1/accounts/${star.id}/influence?limit=10`);
    expect(influence.status).toBe(200);
    expect(influence.body.myInfluenceesCount).toBeGreaterThan(0);
    expect(influence.body.myInfluencees.length).toBeGreaterThan(0);
    const strengths = influence.body.myInfluencees.map((e: any) => e.strength);
    expect(strengths).toEqual([...strengths].sort((a, b) => b - a));
    for (const e of [...influence.body.myInfluencers, ...influence.body.myInfluencees]) {
      expect(typeof e.account.id).toBe('string');
      expect(e.account.id).not.toBe(star.id);
    }
  });
});
