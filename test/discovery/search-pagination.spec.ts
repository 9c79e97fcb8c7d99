import { asBrandId } from '../../libs/accounts/src/index.js';
import { UsageService } from '../../libs/billing/src/index.js';
import { SEARCH_SNAPSHOT_DEPTH, SearchExpiryJobs } from '../../libs/discovery/src/index.js';
import { codeOf, signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PAGE = `query($q: String, $f: InfluencerFilterInput, $first: Int, $after: String) {
  influencers(query: $q, filter: $f, first: $first, after: $after) { searchId edges { cursor node { accountId topicScores { score } } } pageInfo { hasNextPage endCursor } } }`;

/**
 * Cursor pagination on a real database while the topic scores are recomputed underneath (the scoring job
 * replaces account_topic_scores wholesale), and metering: one search counted per first page, never per page.
 */
describe('influencers search: pagination and metering', () => {
  let t: TestApp;
  let a: SignedUp;
  let cars: string;
  const TOTAL = SEARCH_SNAPSHOT_DEPTH + 40;

  const page = async (vars: Record<string, unknown>) => {
    const res = await t.graphql(PAGE, vars, a.headers);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.influencers;
  };
  /** What the scoring job does: delete every topic score and write the new ones in one transaction. */
  const recompute = async (scoreSql: string) => {
    const c = await t.db.pool.connect();
    try {
      await c.query('BEGIN');
      const { rows } = await c.query(`SELECT topic_id, account_id, platform, language FROM account_topic_scores`);
      await c.query(`DELETE FROM account_topic_scores`);
      await c.query(
        `INSERT INTO account_topic_scores (topic_id, account_id, score, percentile, topic_rank, platform, language, computed_at)
         SELECT x.topic_id, x.account_id, ${scoreSql}, 50, 1, x.platform, x.language, now()
           FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[]) AS x(topic_id, account_id, platform, language)`,
        [rows.map((r) => r.topic_id), rows.map((r) => r.account_id), rows.map((r) => r.platform), rows.map((r) => r.language)],
      );
      await c.query('COMMIT');
    } finally {
      c.release();
    }
  };
  const searches = async () => (await t.app.get(UsageService).currentUsage(asBrandId(a.brandId))).searches;

  beforeAll(async () => {
    t = await createTestApp();
    a = await signUpBrand(t);
    cars = (await t.db.pool.query(`SELECT id FROM topics WHERE slug = 'cars'`)).rows[0].id;
    // Scores repeat (1-100 over 240 accounts): ties are broken by account id, so the order is total.
    await t.db.pool.query(
      `WITH acc AS (
         INSERT INTO social_accounts (platform, external_id, handle, is_stub, followers_count, language)
         SELECT 'twitter', 'page-' || g, 'page_' || g, false, 1000 + g, 'en' FROM generate_series(1, $1::int) g RETURNING id, followers_count)
       INSERT INTO account_topic_scores (topic_id, account_id, score, percentile, topic_rank, platform, language, computed_at)
       SELECT $2, id, 1 + (followers_count * 7) % 100, 50, 1, 'twitter', 'en', now() FROM acc`,
      [TOTAL, cars],
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  it('pages keep the first page’s order while scores are recomputed; every account once, none left out', async () => {
    const expected = (
      await t.db.pool.query(`SELECT s.account_id::text AS id FROM account_topic_scores s WHERE s.topic_id = $1 ORDER BY s.score DESC, s.account_id LIMIT $2`, [cars, SEARCH_SNAPSHOT_DEPTH])
    ).rows.map((r) => r.id);
    const first = await page({ f: { topics: ['cars'] }, first: 50 });
    const seen: string[] = first.edges.map((e: any) => e.node.accountId);
    expect(seen).toEqual(expected.slice(0, 50));

    // The scores flip underneath (the first become the last).
    await recompute(`100 - (x.account_id % 100)::int`);
    let cursor = first.pageInfo.endCursor;
    let hasNext = first.pageInfo.hasNextPage;
    while (hasNext) {
      const next = await page({ first: 50, after: cursor });
      seen.push(...next.edges.map((e: any) => e.node.accountId));
      cursor = next.pageInfo.endCursor;
      hasNext = next.pageInfo.hasNextPage;
      if (seen.length < SEARCH_SNAPSHOT_DEPTH) await recompute(`1 + ((x.account_id * ${seen.length}) % 100)::int`);
    }
    expect(seen.slice(0, SEARCH_SNAPSHOT_DEPTH)).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(TOTAL);
  });

  it('an edge cursor continues right after its row', async () => {
    const first = await page({ f: { topics: ['cars'] }, first: 10 });
    const fromFifth = await page({ first: 3, after: first.edges[4].cursor });
    expect(fromFifth.edges.map((e: any) => e.node.accountId)).toEqual(first.edges.slice(5, 8).map((e: any) => e.node.accountId));
  });

  it('counts one search per first page, not per page', async () => {
    const before = await searches();
    const p1 = await page({ q: 'top influencers in automotive', first: 20 });
    expect(await searches()).toBe(before + 1);
    await page({ first: 20, after: p1.pageInfo.endCursor });
    await page({ first: 20, after: p1.edges[3].cursor });
    expect(await searches()).toBe(before + 1);
    await page({ q: 'cars', first: 5 });
    expect(await searches()).toBe(before + 2);
  });

  it('a cursor that was never given out is refused plainly', async () => {
    const res = await t.graphql(PAGE, { after: 'not-a-cursor' }, a.headers);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/not one Renown gave out/);
  });

  it('a search expires after a day: its cursors answer "expired" and the hourly job deletes it', async () => {
    const p1 = await page({ f: { topics: ['cars'] }, first: 5 });
    await t.db.pool.query(`UPDATE discovery_searches SET expires_at = now() - interval '1 minute' WHERE id = $1`, [p1.searchId]);
    const res = await t.graphql(PAGE, { first: 5, after: p1.pageInfo.endCursor }, a.headers);
    expect(codeOf(res)).toBe('NOT_FOUND');
    expect(res.errors![0].message).toMatch(/expired .* run the search again/);
    const worker = await t.startWorker();
    await worker.get(SearchExpiryJobs).deleteExpired();
    expect((await t.db.pool.query(`SELECT 1 FROM discovery_searches WHERE id = $1`, [p1.searchId])).rows).toEqual([]);
  });
});
