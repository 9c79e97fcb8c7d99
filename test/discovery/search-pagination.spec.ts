import { asBrandId } from '../../libs/accounts/src/index.js';
import { UsageService } from '../../libs/billing/src/index.js';
import { SearchExpiryJobs } from '../../libs/discovery/src/index.js';
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
  const TOTAL = 140;

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

  const ranking = async (limit: number) =>
    (await t.db.pool.query(`SELECT s.account_id::text AS id FROM account_topic_scores s WHERE s.topic_id = $1 ORDER BY s.score DESC, s.account_id LIMIT $2`, [cars, limit])).rows.map(
      (r) => r.id as string,
    );

  it('while scores are recomputed, what was shown keeps its order, later pages follow the new scores, every account once, none left out', async () => {
    const before = await ranking(TOTAL);
    const first = await page({ f: { topics: ['cars'] }, first: 50 });
    const seen: string[] = first.edges.map((e: any) => e.node.accountId);
    expect(seen).toEqual(before.slice(0, 50));

    // The scores flip underneath (the first become the last).
    await recompute(`100 - (x.account_id % 100)::int`);
    // The first page, asked again through one of its cursors, is what the user saw, not a new ranking.
    const again = await page({ first: 20, after: first.edges[9].cursor });
    expect(again.edges.map((e: any) => e.node.accountId)).toEqual(before.slice(10, 30));

    // The next page: the best under the new scores of those not shown yet.
    const shown = new Set(seen);
    const next = await page({ first: 50, after: first.pageInfo.endCursor });
    const second: string[] = next.edges.map((e: any) => e.node.accountId);
    expect(second).toEqual((await ranking(TOTAL)).filter((id) => !shown.has(id)).slice(0, 50));
    seen.push(...second);

    let cursor = next.pageInfo.endCursor;
    let hasNext = next.pageInfo.hasNextPage;
    while (hasNext) {
      await recompute(`1 + ((x.account_id * ${seen.length}) % 100)::int`);
      const more = await page({ first: 50, after: cursor });
      seen.push(...more.edges.map((e: any) => e.node.accountId));
      cursor = more.pageInfo.endCursor;
      hasNext = more.pageInfo.hasNextPage;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(TOTAL);
    expect(new Set(seen)).toEqual(new Set(before));
  });

  it('a person listed on one page is not listed again on a later page through another of their accounts', async () => {
    const order = await ranking(TOTAL);
    // One person runs the 3rd and the 70th account of the ranking.
    const { rows } = await t.db.pool.query(`INSERT INTO persons (display_name) VALUES ('Two Accounts') RETURNING id`);
    await t.db.pool.query(`UPDATE social_accounts SET person_id = $1 WHERE id = ANY ($2::bigint[])`, [rows[0].id, [order[2], order[69]]]);
    try {
      const first = await page({ f: { topics: ['cars'] }, first: 50 });
      const seen: string[] = first.edges.map((e: any) => e.node.accountId);
      expect(seen).toContain(order[2]);
      let cursor = first.pageInfo.endCursor;
      let hasNext = first.pageInfo.hasNextPage;
      while (hasNext) {
        const more = await page({ first: 50, after: cursor });
        seen.push(...more.edges.map((e: any) => e.node.accountId));
        cursor = more.pageInfo.endCursor;
        hasNext = more.pageInfo.hasNextPage;
      }
      expect(seen).not.toContain(order[69]);
      expect(seen.length).toBe(TOTAL - 1);
    } finally {
      await t.db.pool.query(`UPDATE social_accounts SET person_id = NULL WHERE person_id = $1`, [rows[0].id]);
      await t.db.pool.query(`DELETE FROM persons WHERE id = $1`, [rows[0].id]);
    }
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
