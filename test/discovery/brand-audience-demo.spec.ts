import type { INestApplicationContext } from '@nestjs/common';
import { type SignedUp, signUpBrand } from '../accounts/accounts-test-helpers.js';
import { loadDemoDataset } from '../support/demo-dataset.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * "Who matters to us" on the demo dataset (the generated social graph, imported and scored as `npm start`
 * does): a demo account with a sizeable audience is registered as the brand's own account.
 */
describe('who matters to us, against the demo dataset', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let owner: SignedUp;
  let brandAccount: { id: string; handle: string; audience: number };

  beforeAll(async () => {
    t = await createTestApp();
    await loadDemoDataset(t.db.url);
    worker = await t.startWorker();
    owner = await signUpBrand(t, { brandName: 'Demo Brand' });
    // A mid-sized account (not the network's very top): the case of a real brand.
    const { rows } = await t.db.pool.query(
      `SELECT a.id::text, a.handle, count(DISTINCT i.actor_account_id)::int AS audience
         FROM social_accounts a JOIN interactions i ON i.target_account_id = a.id AND i.deleted_at IS NULL AND i.actor_account_id <> a.id
        WHERE NOT a.is_stub AND a.handle IS NOT NULL
        GROUP BY a.id HAVING count(DISTINCT i.actor_account_id) BETWEEN 40 AND 400
        ORDER BY count(DISTINCT i.actor_account_id) DESC, a.id LIMIT 1`,
    );
    expect(rows).toHaveLength(1);
    brandAccount = rows[0];
  }, 240_000);

  afterAll(async () => {
    await t?.close();
  });

  it('ranks everyone who interacted with the brand account, with reasons that match the interactions, in an order of its own', async () => {
    const reg = await t.graphql(`mutation($h: String!) { registerBrandAccount(input: { platform: "twitter", handle: $h }) { id } }`, { h: brandAccount.handle }, owner.headers);
    expect(reg.data.registerBrandAccount.id).toBe(brandAccount.id);
    const query = `{ whoMattersToUs(first: 100) { status audienceSize totalCount members { account { id } relativeRank relativeScore globalScore follows mentions engagedPosts reason } } }`;
    let w: any;
    const deadline = Date.now() + 60_000;
    do {
      await new Promise((r) => setTimeout(r, 300));
      w = (await t.graphql(query, {}, owner.headers)).data.whoMattersToUs;
    } while (w.status !== 'READY' && Date.now() < deadline);
    expect(w.status).toBe('READY');
    expect(w.audienceSize).toBe(brandAccount.audience);
    expect(w.members.length).toBe(Math.min(100, brandAccount.audience));
    expect(w.members.map((m: any) => m.relativeRank)).toEqual(w.members.map((_: unknown, i: number) => i + 1));

    // The reasons are the interactions, counted independently here.
    const top = w.members[0];
    const { rows: [facts] } = await t.db.pool.query(
      `SELECT bool_or(type = 'follow') AS follows, coalesce(sum(weight) FILTER (WHERE type = 'mention'), 0)::int AS mentions,
              count(DISTINCT post_id) FILTER (WHERE type IN ('reply', 'repost', 'quote', 'like'))::int AS engaged
         FROM interactions WHERE actor_account_id = $1 AND target_account_id = $2 AND deleted_at IS NULL`,
      [top.account.id, brandAccount.id],
    );
    expect({ follows: top.follows, mentions: top.mentions, engagedPosts: top.engagedPosts }).toEqual({ follows: facts.follows, mentions: facts.mentions, engagedPosts: facts.engaged });
    expect(top.reason.length).toBeGreaterThan(5);
    // Global scores are shown next to the relative ones, and the two orders are not the same list.
    const scored = w.members.filter((m: any) => m.globalScore !== null);
    expect(scored.length).toBeGreaterThan(w.members.length / 2);
    const byGlobal = [...scored].sort((a: any, b: any) => b.globalScore - a.globalScore).map((m: any) => m.account.id);
    expect(scored.map((m: any) => m.account.id)).not.toEqual(byGlobal);
  });
});
