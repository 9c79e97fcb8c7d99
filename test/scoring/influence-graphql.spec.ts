import { QueueService } from '@renown/core';
import { ACCOUNTS_TOUCHED_QUEUE, getTopicClassifier } from '@renown/scoring';
import { codeOf, signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/*
 * End to end: ingestion says accounts were touched, the worker debounces that into one scoring run, and a
 * signed-in user of any brand reads the score, sub-scores, explanation and history through GraphQL.
 */
let t: TestApp;
let owner: SignedUp;
const ids: Record<string, string> = {};

const QUERY = `query($id: ID!) {
  accountInfluence(accountId: $id) {
    accountId score percentile modelVersion day
    subScores { reach amplification network }
    explanation { contributions { signal share } topEngagers { handle } topPosts { text engagements } previousScore changes { signal delta } }
    history { day score modelVersion modelChanged }
  }
}`;

beforeAll(async () => {
  t = await createTestApp();
  // The run queues the topics step, which builds the topic classifier once per process (a second or more
  // of synchronous work). Here the API and the worker share one process, so build it now rather than while
  // the test polls the API (a long-blocked event loop can reset the test client's kept-alive connection).
  getTopicClassifier();
  owner = await signUpBrand(t);
  const now = Date.now();
  for (const [name, followers] of [['star', 20000], ['fan1', 200], ['fan2', 300], ['quiet', 10]] as const) {
    const { rows } = await t.db.pool.query(
      `INSERT INTO social_accounts (platform, external_id, handle, followers_count, following_count, listed_count, posts_count, account_created_at)
       VALUES ('bluesky', $1, $1, $2, 100, 5, 100, '2021-01-01') RETURNING id`,
      [name, followers],
    );
    ids[name] = rows[0].id;
  }
  const { rows: post } = await t.db.pool.query(
    `INSERT INTO posts (platform, external_id, author_account_id, posted_at, text) VALUES ('bluesky', 'p1', $1, $2, 'launch day') RETURNING id`,
    [ids.star, new Date(now - 3 * 86_400_000)],
  );
  await t.db.pool.query(
    `INSERT INTO interactions (platform, actor_account_id, target_account_id, type, post_id, occurred_at)
     SELECT 'bluesky', a, $1, 'repost', $2, $3 FROM unnest($4::bigint[]) a`,
    [ids.star, post[0].id, new Date(now - 2 * 86_400_000), [ids.fan1, ids.fan2]],
  );
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('influence over GraphQL', () => {
  it('needs a signed-in actor', async () => {
    const res = await t.graphql(QUERY, { id: ids.star });
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
  });

  it('is null before the first run', async () => {
    const res = await t.graphql(QUERY, { id: ids.star }, owner.headers);
    expect(res.errors).toBeUndefined();
    expect(res.data.accountInfluence).toBeNull();
  });

  it('after an import touches accounts, one debounced run scores them and the API shows score, explanation and history', async () => {
    const worker = await t.startWorker();
    const queue = worker.get(QueueService);
    // Three imports in a row: the debounce collapses them into one run.
    for (let i = 0; i < 3; i++) await queue.send(ACCOUNTS_TOUCHED_QUEUE, { accountIds: [ids.star] });
    // The debounced run starts TOUCHED_DEBOUNCE_SECONDS later; the test brings its start forward instead of waiting.
    const deadline = Date.now() + 45_000;
    let runs: any[] = [];
    while (Date.now() < deadline) {
      const res = await t.graphql(`{ scoringRuns { id status stage progress trigger } }`, {}, owner.headers);
      runs = res.data?.scoringRuns ?? [];
      if (runs.some((r) => r.status === 'succeeded')) break;
      const pending = await t.db.pool.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'scoring.run' AND state = 'created'`);
      if (pending.rows[0].n > 0) await t.db.pool.query(`UPDATE pgboss.job SET start_after = now() WHERE name = 'scoring.run' AND state = 'created'`);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(runs.filter((r) => r.status === 'succeeded')).toHaveLength(1);
    const jobs = await t.db.pool.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'scoring.run'`);
    expect(jobs.rows[0].n).toBe(1);
    expect(runs[0]).toMatchObject({ stage: 'done', progress: 1, trigger: 'accounts-touched' });

    const res = await t.graphql(QUERY, { id: ids.star }, owner.headers);
    expect(res.errors).toBeUndefined();
    const star = res.data.accountInfluence;
    expect(star.score).toBeGreaterThanOrEqual(1);
    expect(star.score).toBeLessThanOrEqual(100);
    expect(star.subScores.reach).toBeGreaterThan(40);
    expect(star.explanation.topEngagers.map((e: any) => e.handle).sort()).toEqual(['fan1', 'fan2']);
    expect(star.explanation.topPosts[0]).toEqual({ text: 'launch day', engagements: 2 });
    expect(star.history).toHaveLength(1);
    const quiet = (await t.graphql(QUERY, { id: ids.quiet }, owner.headers)).data.accountInfluence;
    expect(star.score).toBeGreaterThan(quiet.score);
  }, 60_000);
});
