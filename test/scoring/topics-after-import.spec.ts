import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueService } from '@renown/core';
import { GraphImporter } from '@renown/ingestion';
import { signUpBrand } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/*
 * The chain nobody starts by hand: an import queues `scoring.accounts-touched`, the worker turns it into one
 * influence run, and that run's success queues `scoring.topics`, which writes the topic scores.
 */
describe('topic scores after an import', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp();
    dir = await mkdtemp(join(tmpdir(), 'renown-topics-import-'));
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('an import followed by the worker yields account topics and topic scores, with no manual step', async () => {
    const owner = await signUpBrand(t);
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    const texts = ['Track day with two new motorcycles #motorcycles', 'Touring the Alps on motorcycles this summer #motorcycles', 'Review of three electric motorcycles #motorcycles'];
    const users = ['101', '102', '103'].map((id) => ({ id, username: `rider_${id}`, name: `Rider ${id}`, public_metrics: { followers_count: 500, following_count: 100, listed_count: 3, tweet_count: 40 } }));
    const page = {
      data: users.flatMap((u, k) => texts.map((text, i) => ({ id: `9${k}${i}`, author_id: u.id, text, created_at: day(2 + i), public_metrics: { like_count: 5, retweet_count: 1, reply_count: 0, quote_count: 0 } }))),
      includes: { users },
    };
    const file = join(dir, 'riders.jsonl');
    await writeFile(file, JSON.stringify(page) + '\n');

    const worker = await t.startWorker();
    await new GraphImporter(t.db.pool, worker.get(QueueService)).ingestFile(file);

    // The influence run is debounced TOUCHED_DEBOUNCE_SECONDS after imports; the test brings its start
    // forward instead of waiting. Nothing else is sent: the topics job must come from the run itself.
    const deadline = Date.now() + 90_000;
    let scored = 0;
    while (Date.now() < deadline && !scored) {
      await t.db.pool.query(`UPDATE pgboss.job SET start_after = now() WHERE name = 'scoring.run' AND state = 'created'`);
      scored = (await t.db.pool.query(`SELECT count(*)::int AS n FROM account_topic_scores`)).rows[0].n;
      if (!scored) await new Promise((r) => setTimeout(r, 500));
    }
    expect(scored).toBeGreaterThan(0);
    const { rows: topicJobs } = await t.db.pool.query(`SELECT data FROM pgboss.job WHERE name = 'scoring.topics'`);
    const { rows: runs } = await t.db.pool.query(`SELECT id::text, status, as_of_day::text AS day FROM scoring_runs`);
    expect(runs).toEqual([expect.objectContaining({ status: 'succeeded' })]);
    expect(topicJobs).toEqual([{ data: { asOf: expect.any(String), influenceRunId: runs[0].id } }]);

    const { rows } = await t.db.pool.query(`SELECT id::text FROM social_accounts WHERE handle = 'rider_101'`);
    const res = await t.graphql(`query($id: ID!) { accountTopics(accountId: $id) { topic { slug } score percentile } }`, { id: rows[0].id }, owner.headers);
    expect(res.errors).toBeUndefined();
    expect(res.data.accountTopics[0]).toMatchObject({ topic: { slug: 'motorcycles' }, score: expect.any(Number) });
    expect(res.data.accountTopics[0].score).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
