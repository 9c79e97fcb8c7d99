import { createApiKey, signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { gql } from '../campaigns/campaign-test-helpers.js';
import { loadDemoDataset } from '../support/demo-dataset.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * "More like this" through the real API. A small hand-built graph pins down the ranking rules (topics and
 * audience both count, hidden topics never, the same person and stubs are not lookalikes); the demo dataset
 * checks the feature on a generated social graph scored by the real pipeline.
 */

const RESULT_FIELDS = `seed { accountId account { handle } } candidatesConsidered modelVersion
  results { accountId similarity topicSimilarity audienceSimilarity sharedTopics sharedEngagers why influencer { accountId account { handle } } }`;

class GraphBuilder {
  private n = 0;
  constructor(private readonly t: TestApp) {}

  async account(handle: string, opts: { personId?: string; stub?: boolean } = {}): Promise<string> {
    const { rows } = await this.t.db.pool.query(
      `INSERT INTO social_accounts (platform, external_id, handle, display_name, followers_count, is_stub, person_id) VALUES ('twitter', $1, $2, $2, 1000, $3, $4) RETURNING id::text AS id`,
      [`la-${handle}`, handle, opts.stub ?? false, opts.personId ?? null],
    );
    return rows[0].id;
  }

  async topics(accountId: string, weights: Record<string, number>) {
    let rank = 0;
    for (const [slug, weight] of Object.entries(weights)) {
      await this.t.db.pool.query(
        `INSERT INTO account_topics (account_id, topic_id, rank, weight, direct_weight, organic_weight, post_count, engager_count, endorsement_count, computed_at)
         SELECT $1, id, $2, $3, $3, 0, 3, 3, 0, now() FROM topics WHERE slug = $4`,
        [accountId, ++rank, weight, slug],
      );
    }
  }

  async engage(actors: string[], target: string) {
    for (const actor of actors) {
      await this.t.db.pool.query(
        `INSERT INTO interactions (platform, actor_account_id, target_account_id, type, occurred_at) VALUES ('twitter', $1, $2, 'like', now() - make_interval(mins => $3))`,
        [actor, target, ++this.n],
      );
    }
  }

  async engagers(prefix: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await this.account(`${prefix}${i}`));
    return ids;
  }
}

describe('lookalikes on a hand-built graph', () => {
  let t: TestApp;
  let brand: SignedUp;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    brand = await signUpBrand(t);
    const g = new GraphBuilder(t);
    const { rows } = await t.db.pool.query(`INSERT INTO persons (display_name) VALUES ('Seed Person') RETURNING id::text AS id`);
    id.seed = await g.account('ev_seed', { personId: rows[0].id });
    id.sameperson = await g.account('ev_seed_alt', { personId: rows[0].id });
    id.twin = await g.account('ev_twin');
    id.topicsOnly = await g.account('ev_topics_only');
    id.audienceOnly = await g.account('gym_shared_fans');
    id.hidden = await g.account('hidden_ev');
    id.unrelated = await g.account('yoga_far');
    // One person on two platforms, both about EVs: a lookalike person, shown once (their closer account).
    const { rows: twinPerson } = await t.db.pool.query(`INSERT INTO persons (display_name) VALUES ('Twin Person') RETURNING id::text AS id`);
    await t.db.pool.query(`UPDATE social_accounts SET person_id = $1 WHERE id = $2`, [twinPerson[0].id, id.twin]);
    id.twinAlt = await g.account('ev_twin_alt', { personId: twinPerson[0].id });
    id.stub = await g.account('ev_stub', { stub: true });

    await g.topics(id.seed, { 'electric-cars': 0.6, cars: 0.3, batteries: 0.1 });
    await g.topics(id.sameperson, { 'electric-cars': 0.6, cars: 0.3 });
    await g.topics(id.twin, { 'electric-cars': 0.5, cars: 0.4 });
    await g.topics(id.topicsOnly, { 'electric-cars': 0.7, cars: 0.3 });
    await g.topics(id.audienceOnly, { fitness: 1 });
    await g.topics(id.hidden, { 'electric-cars': 0.9, cars: 0.1 });
    await g.topics(id.unrelated, { yoga: 1 });
    await g.topics(id.twinAlt, { 'electric-cars': 0.5, cars: 0.4 });
    await g.topics(id.stub, { 'electric-cars': 0.6, cars: 0.3 });
    // The account hid "Electric Cars" from its profile: it must not count, nor show.
    await t.db.pool.query(`INSERT INTO account_topic_hides (account_id, topic_id, hidden_by) SELECT $1, id, 'influencer' FROM topics WHERE slug = 'electric-cars'`, [id.hidden]);

    const fans = await g.engagers('fan', 20);
    const others = await g.engagers('other', 10);
    const yogis = await g.engagers('yogi', 5);
    await g.engage(fans, id.seed);
    await g.engage([...fans.slice(0, 15), ...others.slice(0, 5)], id.twin);
    await g.engage(others, id.topicsOnly);
    await g.engage(fans.slice(0, 12), id.audienceOnly);
    await g.engage(yogis, id.unrelated);
    await g.engage(fans, id.sameperson);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ranks shared topics and shared audience above either alone, explains each result in one line, shows a person once, and leaves out unrelated accounts', async () => {
    const res = (await gql(t, brand.headers, `query($a: ID!) { lookalikes(accountId: $a, first: 10) { ${RESULT_FIELDS} } }`, { a: id.seed })).lookalikes;
    expect(res.seed).toEqual({ accountId: id.seed, account: { handle: 'ev_seed' } });
    expect(res.modelVersion).toBe('lookalike-v1');
    expect(res.results.map((r: any) => r.influencer.account.handle)).toEqual(['ev_twin', 'ev_topics_only', 'gym_shared_fans', 'hidden_ev']);

    const [twin, topicsOnly, audienceOnly, hidden] = res.results;
    expect(twin).toMatchObject({ sharedTopics: ['Electric Cars', 'Cars'], sharedEngagers: 15 });
    expect(twin.why).toBe('Posts about Electric Cars and Cars like @ev_seed; 15 of its 20 recent engagers also engage with @ev_seed');
    expect(twin.audienceSimilarity).toBeCloseTo(15 / 25, 4);
    expect(topicsOnly).toMatchObject({ sharedEngagers: 0, audienceSimilarity: 0, why: 'Posts about Electric Cars and Cars like @ev_seed; no shared engagers' });
    expect(topicsOnly.topicSimilarity).toBeGreaterThan(0.95);
    expect(audienceOnly).toMatchObject({ sharedTopics: [], topicSimilarity: 0, sharedEngagers: 12 });
    expect(audienceOnly.why).toBe('No topic in common with @ev_seed; 12 of its 12 recent engagers also engage with @ev_seed');
    expect(hidden.sharedTopics).toEqual(['Cars']);
    for (const r of res.results) {
      expect(r.why).not.toContain('\n');
      expect(r.similarity).toBeGreaterThan(0);
      expect(r.similarity).toBeLessThanOrEqual(1);
    }
    // The same person's other account and a stub are not "like" the seed, they are the seed or unknown.
    const ids = res.results.map((r: any) => r.accountId);
    for (const excluded of [id.seed, id.sameperson, id.stub, id.unrelated, id.twinAlt]) expect(ids).not.toContain(excluded);
  });

  it('first limits the results; the people on a shortlist can be left out; an unknown account is NOT_FOUND; API keys may ask, anonymous callers may not', async () => {
    const two = (await gql(t, brand.headers, `query($a: ID!) { lookalikes(accountId: $a, first: 2) { results { accountId } } }`, { a: id.seed })).lookalikes;
    expect(two.results.map((r: any) => r.accountId)).toEqual([id.twin, id.topicsOnly]);
    // "More like this, but not the ones already on my list": the twin person is on it, so neither of their accounts shows.
    const list = (await gql(t, brand.headers, `mutation { createShortlist(input: { name: "EV picks" }) { id } }`)).createShortlist;
    await gql(t, brand.headers, `mutation($l: ID!, $ids: [ID!]!) { addToShortlist(shortlistId: $l, accountIds: $ids) { added } }`, { l: list.id, ids: [id.twin] });
    const fresh = (await gql(t, brand.headers, `query($a: ID!, $l: ID) { lookalikes(accountId: $a, first: 2, excludeShortlistId: $l) { results { accountId } } }`, { a: id.seed, l: list.id })).lookalikes;
    expect(fresh.results.map((r: any) => r.accountId)).toEqual([id.topicsOnly, id.audienceOnly]);
    const missing = await t.graphql(`{ lookalikes(accountId: "987654321") { candidatesConsidered } }`, {}, brand.headers);
    expect(missing.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const key = await createApiKey(t, brand.headers, 'lookalikes');
    const viaKey = (await gql(t, { 'x-api-key': key.secret }, `query($a: ID!) { lookalikes(accountId: $a, first: 1) { results { accountId } } }`, { a: id.seed })).lookalikes;
    expect(viaKey.results).toEqual([{ accountId: id.twin }]);
    const anonymous = await t.graphql(`query($a: ID!) { lookalikes(accountId: $a) { candidatesConsidered } }`, { a: id.seed });
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('lookalikes on the demo dataset', () => {
  let t: TestApp;
  let brand: SignedUp;

  beforeAll(async () => {
    t = await createTestApp();
    await loadDemoDataset(t.db.url);
    brand = await signUpBrand(t);
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  it('a car account with an audience gets accounts that share its topics or its engagers, each explained', async () => {
    // The strongest account in Cars that has engagers: a typical "more like this" starting point.
    const { rows } = await t.db.pool.query(
      `SELECT at.account_id::text AS id FROM account_topics at JOIN topics tp ON tp.id = at.topic_id
        WHERE tp.slug = 'cars' AND EXISTS (SELECT 1 FROM interactions i WHERE i.target_account_id = at.account_id)
        ORDER BY at.weight DESC, at.account_id LIMIT 1`,
    );
    expect(rows).toHaveLength(1);
    const res = (await gql(t, brand.headers, `query($a: ID!) { lookalikes(accountId: $a, first: 20) { ${RESULT_FIELDS} } }`, { a: rows[0].id })).lookalikes;
    expect(res.results.length).toBeGreaterThanOrEqual(10);
    const { rows: total } = await t.db.pool.query(`SELECT count(*)::int AS n FROM social_accounts WHERE NOT is_stub`);
    expect(res.candidatesConsidered).toBeLessThan(total[0].n); // candidates come from shared topics and engagers, not everyone
    const sims = res.results.map((r: any) => r.similarity);
    expect(sims).toEqual([...sims].sort((a, b) => b - a));
    for (const r of res.results) {
      expect(r.sharedTopics.length + r.sharedEngagers).toBeGreaterThan(0);
      expect(r.why.length).toBeGreaterThan(10);
      expect(r.accountId).not.toBe(rows[0].id);
    }
    // Most of the closest ones write about cars too.
    const carish = res.results.slice(0, 10).filter((r: any) => r.sharedTopics.includes('Cars')).length;
    expect(carish).toBeGreaterThanOrEqual(5);
  });
});
