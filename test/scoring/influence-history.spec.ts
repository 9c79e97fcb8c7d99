import { InfluenceQueryService, InfluenceScoreStore, InfluenceScoringRun, INFLUENCE_MODEL_VERSION } from '@renown/scoring';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/*
 * History is never rewritten: a re-run the same day replaces that day's not-yet-final rows (idempotent),
 * a later day's run makes earlier days final, final rows refuse updates, and a model change shows as a
 * marker in the series with the old points untouched.
 */
let db: TestDatabase;
let query: InfluenceQueryService;
const ids: Record<string, string> = {};
// parallelWriteMinRows 2: the day's first write goes over two connections here too, as it does for a large run.
const run = (asOf: string) => new InfluenceScoringRun(new InfluenceScoreStore(db.pool, { parallelWriteMinRows: 2 })).execute({ trigger: 'manual', asOf: new Date(asOf), threads: 1 });

beforeAll(async () => {
  db = await createTestDatabase();
  query = new InfluenceQueryService({ query: async (sql: string, params?: unknown[]) => (await db.pool.query(sql, params)).rows } as unknown as DataSource);
  const { rows: person } = await db.pool.query(`INSERT INTO persons (display_name) VALUES ('Ada') RETURNING id`);
  for (const [name, followers, personId] of [['ada', 5000, person[0].id], ['ada-alt', 800, person[0].id], ['bob', 300, null], ['cy', 50, null], ['dee', 20, null]] as const) {
    const { rows } = await db.pool.query(
      `INSERT INTO social_accounts (platform, external_id, handle, followers_count, following_count, listed_count, posts_count, account_created_at, person_id)
       VALUES ('twitter', $1, $1, $2, 100, 3, 100, '2020-01-01', $3) RETURNING id`,
      [name, followers, personId],
    );
    ids[name] = rows[0].id;
  }
  const { rows: post } = await db.pool.query(`INSERT INTO posts (platform, external_id, author_account_id, posted_at, text) VALUES ('twitter', 'p1', $1, '2026-10-20', 'on rockets') RETURNING id`, [ids.ada]);
  await db.pool.query(
    `INSERT INTO interactions (platform, actor_account_id, target_account_id, type, post_id, occurred_at)
     SELECT 'twitter', a, $1, 'repost', $2, '2026-10-21' FROM unnest($3::bigint[]) a`,
    [ids.ada, post[0].id, [ids.bob, ids.cy, ids.dee]],
  );
});

afterAll(async () => {
  await db?.drop();
});

describe('influence history and explanations', () => {
  it('a re-run the same day replaces that day only; a later day finalises the earlier one', async () => {
    await run('2026-11-01T03:00:00Z');
    const first = await db.pool.query(`SELECT account_id, score, run_id FROM account_score_snapshots ORDER BY account_id`);
    await run('2026-11-01T15:00:00Z');
    const again = await db.pool.query(`SELECT account_id, score, run_id, is_final FROM account_score_snapshots ORDER BY account_id`);
    expect(again.rows.map((r) => [r.account_id, r.score])).toEqual(first.rows.map((r) => [r.account_id, r.score]));
    expect(again.rows.every((r) => r.run_id !== first.rows[0].run_id && !r.is_final)).toBe(true);

    await run('2026-11-02T03:00:00Z');
    const days = await db.pool.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, bool_and(is_final) AS final, count(*)::int AS n FROM account_score_snapshots GROUP BY day ORDER BY day`);
    expect(days.rows).toEqual([
      { day: '2026-11-01', final: true, n: 5 },
      { day: '2026-11-02', final: false, n: 5 },
    ]);
    await expect(db.pool.query(`UPDATE account_score_snapshots SET score = 99 WHERE day = '2026-11-01'`)).rejects.toThrow(/history is never rewritten/);
  });

  it('the series marks a model change and keeps the old version as it was', async () => {
    await db.pool.query(
      `INSERT INTO account_score_snapshots (account_id, model_version, day, score, percentile, reach_score, amplification_score, network_score, raw, run_id, is_final)
       VALUES ($1, 'influence-v0', '2026-10-31', 50, 0.8, 50, 50, 50, 1, 0, true)`,
      [ids.ada],
    );
    const ada = await query.accountInfluence(ids.ada);
    expect(ada!.modelVersion).toBe(INFLUENCE_MODEL_VERSION);
    expect(ada!.history.map((p) => [p.day, p.modelVersion, p.modelChanged])).toEqual([
      ['2026-10-31', 'influence-v0', false],
      ['2026-11-01', INFLUENCE_MODEL_VERSION, true],
      ['2026-11-02', INFLUENCE_MODEL_VERSION, false],
    ]);
  });

  it('explains the score: contributions, the post that earned it, who engaged, and the change since yesterday', async () => {
    const ada = (await query.accountInfluence(ids.ada))!;
    expect(ada.explanation.contributions.map((c) => c.signal).sort()).toEqual(['amplificationPerPost', 'distinctEngagers', 'followers', 'following', 'listed', 'networkStanding', 'postsInWindow']);
    expect(ada.explanation.contributions.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 3);
    expect(ada.explanation.topPosts[0]).toMatchObject({ text: 'on rockets', engagements: 3 });
    expect(ada.explanation.topEngagers.map((e) => e.handle).sort()).toEqual(['bob', 'cy', 'dee']);
    expect(ada.explanation.previousDay).toBe('2026-11-01');
    expect(ada.explanation.scoreDelta).not.toBeNull();
    expect(ada.score).toBeGreaterThan((await query.accountInfluence(ids.dee))!.score);
  });

  it('scores a person across linked accounts', async () => {
    const { rows } = await db.pool.query(`SELECT person_id FROM social_accounts WHERE handle = 'ada'`);
    const person = (await query.personInfluence(rows[0].person_id))!;
    expect(person.accountIds.sort()).toEqual([ids.ada, ids['ada-alt']].sort());
    expect(person.bestAccountId).toBe(ids.ada);
    expect(person.score).toBeGreaterThanOrEqual((await query.accountInfluence(ids.ada))!.score);
    expect(person.history.length).toBe(2);
  });

  it('a day whose write fails part-way keeps none of its rows, and earlier days stay as they were', async () => {
    const before = await db.pool.query(`SELECT account_id, day::text, score, is_final FROM account_score_snapshots ORDER BY account_id, day, model_version`);
    const accounts = [ids.ada, ids.bob, ids.cy, '999999999'].map(Number); // the last one does not exist: the second connection's half fails
    const source = {
      count: accounts.length,
      *rows(from: number, to: number) {
        for (let i = from; i < to; i++) {
          yield { accountId: accounts[i], score: 50, percentile: 0.5, reach: 50, amplification: 50, network: 50, raw: 1, signals: [1], contributions: [1], topEngagerIds: [], topEngagerWeights: [], topEngagerCount: 0 };
        }
      },
    };
    await expect(new InfluenceScoreStore(db.pool, { parallelWriteMinRows: 2 }).writeSnapshots('77', INFLUENCE_MODEL_VERSION, '2026-11-09', source, [])).rejects.toThrow(/foreign key/);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM account_score_snapshots WHERE day = '2026-11-09'`)).rows[0].n).toBe(0);
    expect((await db.pool.query(`SELECT account_id, day::text, score, is_final FROM account_score_snapshots ORDER BY account_id, day, model_version`)).rows).toEqual(before.rows);
  });

  it('shows runs with stage and progress', async () => {
    const runs = await query.scoringRuns(10);
    expect(runs[0]).toMatchObject({ status: 'succeeded', stage: 'done', progress: 1, accountsScored: 5 });
    expect(Object.keys(JSON.parse(runs[0].stageTimings))).toEqual(expect.arrayContaining(['load-interactions', 'pagerank', 'write']));
  });
});
