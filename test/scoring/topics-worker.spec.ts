import { QueueService } from '@renown/core';
import { TOPIC_SCORING_QUEUE } from '../../libs/scoring/src/topics/scoring/topic-scoring.jobs.js';
import { signUpBrand } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('the scoring.topics job', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs in the worker: posts get topics, accounts get expertise and topic scores that the API shows', async () => {
    const owner = await signUpBrand(t);
    const { rows } = await t.db.pool.query(
      `INSERT INTO social_accounts (platform, external_id, handle, is_stub, language)
       SELECT 'bluesky', 'did:plc:' || n, 'rider' || n, false, 'es' FROM generate_series(1, 3) n RETURNING id::text`,
    );
    const ids = rows.map((r) => r.id as string);
    for (const id of ids) {
      for (const text of ['Mi moto nueva para la ruta', 'Ruta de motocicletas por los Pirineos', 'Revisión de motocicletas eléctricas']) {
        await t.db.pool.query(
          `INSERT INTO posts (platform, external_id, author_account_id, posted_at, text, language, like_count, repost_count, is_stub)
           VALUES ('bluesky', gen_random_uuid()::text, $1, now() - interval '3 days', $2, 'es', 4, 1, false)`,
          [id, text],
        );
      }
    }
    const worker = await t.startWorker();
    await worker.get(QueueService).send(TOPIC_SCORING_QUEUE, {});
    const deadline = Date.now() + 45_000;
    let scored = 0;
    while (Date.now() < deadline && !scored) {
      scored = (await t.db.pool.query(`SELECT count(*)::int AS n FROM account_topic_scores`)).rows[0].n;
      if (!scored) await new Promise((r) => setTimeout(r, 300));
    }
    expect(scored).toBeGreaterThan(0);
    const res = await t.graphql(`query($id: ID!) { accountTopics(accountId: $id, locale: "es") { topic { slug name } score percentile } }`, { id: ids[0] }, owner.headers);
    expect(res.errors).toBeUndefined();
    expect(res.data.accountTopics[0]).toMatchObject({ topic: { slug: 'motorcycles', name: expect.any(String) } });
    const [row] = (await t.db.pool.query(`SELECT platform, language FROM account_topic_scores WHERE account_id = $1 LIMIT 1`, [ids[0]])).rows;
    expect(row).toEqual({ platform: 'bluesky', language: 'es' });
  }, 60_000);
});
