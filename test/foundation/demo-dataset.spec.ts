import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@renown/core';
import { seedDemo } from '../../apps/cli/src/demo/seed-demo.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** What `npm start` does on a fresh machine before the API starts: the demo brand, graph, scores and campaign. */
describe('the demo dataset loaded on first start', () => {
  let db: TestDatabase;
  let dir: string;
  let lines: string[];
  const said: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'renown-demo-start-'));
    const config = loadConfig({ DATA_DIR: dir, PUBLIC_URL: 'http://localhost:3000' });
    lines = await seedDemo(db.url, config, (l) => said.push(l));
  }, 240_000);

  afterAll(async () => {
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('creates the demo brand with its login, and says how to sign in', async () => {
    expect(lines.join('\n')).toContain('demo login: demo@renown.local');
    expect(lines.join('\n')).toContain('http://localhost:3000/dev/mail');
    const { rows } = await db.pool.query(`SELECT name FROM brands`);
    expect(rows.map((r) => r.name)).toContain('Acme Motors');
  });

  it('imports a social graph of real-format posts and scores every real account', async () => {
    const { rows: [counts] } = await db.pool.query(
      `SELECT (SELECT count(*) FROM social_accounts WHERE NOT is_stub)::int AS accounts,
              (SELECT count(*) FROM posts)::int AS posts,
              (SELECT count(*) FROM interactions WHERE type = 'follow')::int AS follows,
              (SELECT count(DISTINCT account_id) FROM account_score_snapshots)::int AS scored`,
    );
    expect(counts.accounts).toBeGreaterThanOrEqual(2000);
    expect(counts.posts).toBeGreaterThanOrEqual(20_000);
    expect(counts.follows).toBeGreaterThan(1000);
    expect(counts.scored).toBeGreaterThanOrEqual(counts.accounts);
  });

  it('gives car people topic influence in Cars', async () => {
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS n FROM account_topic_scores s JOIN topics t ON t.id = s.topic_id WHERE t.display_name IN ('Cars', 'Auto Industry')`,
    );
    expect(rows[0].n).toBeGreaterThan(10);
  });

  it('rates the audience quality of scored accounts and registers the brand\'s own account for the Audience screen', async () => {
    const { rows: [r] } = await db.pool.query(
      `SELECT (SELECT count(*) FROM account_audience_quality)::int AS rated, (SELECT count(*) FROM brand_social_accounts)::int AS own`,
    );
    expect(r.rated).toBeGreaterThan(1000);
    expect(r.own).toBe(1);
  });

  it('starts the demo campaign with invitations already sent', async () => {
    const { rows } = await db.pool.query(`SELECT c.name, count(i.id)::int AS invited FROM campaigns c JOIN invitations i ON i.campaign_id = c.id GROUP BY c.name`);
    expect(rows).toHaveLength(1);
    expect(rows[0].invited).toBe(3);
  });

  it('loads nothing twice on the next start', async () => {
    const before = await db.pool.query(`SELECT (SELECT count(*) FROM import_runs)::int AS runs, (SELECT count(*) FROM scoring_runs)::int AS scorings, (SELECT count(*) FROM campaigns)::int AS campaigns, (SELECT count(*) FROM brand_social_accounts)::int AS own`);
    const config = loadConfig({ DATA_DIR: dir, PUBLIC_URL: 'http://localhost:3000' });
    const again: string[] = [];
    await seedDemo(db.url, config, (l) => again.push(l));
    const after = await db.pool.query(`SELECT (SELECT count(*) FROM import_runs)::int AS runs, (SELECT count(*) FROM scoring_runs)::int AS scorings, (SELECT count(*) FROM campaigns)::int AS campaigns, (SELECT count(*) FROM brand_social_accounts)::int AS own`);
    expect(after.rows[0]).toEqual(before.rows[0]);
    expect(again.join('\n')).not.toContain('loading the demo dataset');
  });
});
