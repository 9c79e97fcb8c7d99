import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueService } from '@renown/core';
import { GraphImporter, PersonLinker } from '@renown/ingestion';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { fixture } from './support/fixtures.js';

describe('persons across networks, and the scoring job', () => {
  let db: TestDatabase;
  let dir: string;
  beforeEach(async () => {
    db = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'renown-persons-'));
  });
  afterEach(async () => {
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('links accounts whose profiles point at each other, not one-way claims', async () => {
    // @alice_drives on Twitter links back to alice@example.social, whose Mastodon fields link to it.
    const page = {
      data: [{ id: '1', author_id: '42', text: 'hello', created_at: '2024-05-01T00:00:00.000Z' }],
      includes: { users: [{ id: '42', username: 'Alice_Drives', name: 'Alice', entities: { url: { urls: [{ url: 'https://t.co/x', expanded_url: 'https://example.social/@alice' }] } } }] },
    };
    await writeFile(join(dir, 'tw.jsonl'), JSON.stringify(page) + '\n');
    const importer = new GraphImporter(db.pool);
    await importer.ingestFile(fixture('mastodon/timeline.json'));
    await importer.ingestFile(join(dir, 'tw.jsonl'));
    const { rows } = await db.pool.query(
      `SELECT a.platform, a.external_id, p.display_name FROM social_accounts a JOIN persons p ON p.id = a.person_id ORDER BY a.platform`,
    );
    expect(rows).toEqual([
      { platform: 'mastodon', external_id: 'alice@example.social', display_name: 'Alice' },
      { platform: 'twitter', external_id: '42', display_name: 'Alice' },
    ]);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM persons`)).rows[0].n).toBe(1);
  });

  it('links accounts by hand, merging persons they already had', async () => {
    const importer = new GraphImporter(db.pool);
    await importer.ingestFile(fixture('mastodon/timeline.json'));
    const ids = async (...handles: string[]) =>
      (await db.pool.query(`SELECT id::text FROM social_accounts WHERE handle = ANY($1) ORDER BY handle`, [handles])).rows.map((r) => r.id);
    const linker = new PersonLinker(db.pool);
    const first = await linker.linkAccounts(await ids('alice@example.social', 'bob@other.example'), 'Team');
    const second = await linker.linkAccounts(await ids('carol@example.social'));
    const merged = await linker.linkAccounts(await ids('bob@other.example', 'carol@example.social'));
    expect(merged).toBe(first);
    expect(second).not.toBe(first);
    const { rows } = await db.pool.query(`SELECT handle, person_id::text FROM social_accounts WHERE person_id IS NOT NULL ORDER BY handle`);
    expect(rows).toEqual([
      { handle: 'alice@example.social', person_id: first },
      { handle: 'bob@other.example', person_id: first },
      { handle: 'carol@example.social', person_id: first },
    ]);
    expect((await db.pool.query(`SELECT id::text, display_name FROM persons`)).rows).toEqual([{ id: first, display_name: 'Team' }]);
  });

  it('queues the touched accounts for scoring as a job carrying the run id, never scoring inline', async () => {
    const queue = new QueueService(db.url, 'producer');
    await queue.onModuleInit();
    try {
      const result = await new GraphImporter(db.pool, queue).ingestFile(fixture('edge-list/activity.txt'));
      const { rows: jobs } = await db.pool.query(`SELECT name, data FROM pgboss.job WHERE name = 'scoring.accounts-touched'`);
      expect(jobs).toEqual([{ name: 'scoring.accounts-touched', data: { importRunId: result.importRunId } }]);
      const { rows } = await db.pool.query(
        `SELECT a.external_id FROM import_run_accounts r JOIN social_accounts a ON a.id = r.account_id WHERE r.import_run_id = $1 ORDER BY 1`,
        [result.importRunId],
      );
      expect(rows.map((r) => r.external_id)).toEqual(['1', '2', '3', '4', '5', '6']);
    } finally {
      await queue.onApplicationShutdown();
    }
  });
});
