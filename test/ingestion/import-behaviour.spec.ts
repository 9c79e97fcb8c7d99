import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { GraphBatch, GraphWriter, IngestionError, emptyItems } from '@renown/ingestion';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { countRows, graphSnapshot } from './support/graph-snapshot.js';
import { fixture, importerFor } from './support/fixtures.js';

const ALL = [
  'twitter-v2/brexit.jsonl', 'twitter-v2/two_tweets.jsonl', 'twitter-v2/flat_first10.jsonl', 'twitter-v2/streaming_output_with_error.jsonl',
  'twitter-v2/users.jsonl', 'twitter-v2/mentions_tweet.jsonl', 'twitter-v1/testgetstatus__0.json', 'twitter-v1/testlisttimeline__0.json',
  'twitter-v1/testsearchtweets__0.json', 'twitter-v1/testgetfollowers__0.json', 'twitter-v1/testgetuser__0.json', 'bluesky/expected_v1.jsonl',
  'bluesky/golden_v1.jsonl', 'mastodon/timeline.json', 'mastodon/streaming.jsonl', 'edge-list/activity.txt', 'edge-list/friends.tsv',
];

const v2Page = (retrievedAt: string, tweets: object[], users: object[], extra: object = {}) =>
  JSON.stringify({ data: tweets, includes: { users, ...extra }, meta: { result_count: tweets.length }, __twarc: { retrieved_at: retrievedAt } });
const user = (id: string, username: string, followers: number) => ({
  id, username, name: username, description: '', created_at: '2015-01-01T00:00:00.000Z', verified: false,
  public_metrics: { followers_count: followers, following_count: 10, tweet_count: 100, listed_count: 1 },
});

describe('import behaviour', () => {
  let db: TestDatabase;
  let dir: string;
  beforeEach(async () => {
    db = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'renown-ingest-'));
  });
  afterEach(async () => {
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('a second import of every sample changes nothing and reports everything unchanged', async () => {
    const importer = importerFor(db);
    for (const f of ALL) await importer.ingestFile(fixture(f));
    const before = await graphSnapshot(db.pool);
    const again = [];
    for (const f of ALL) again.push(await importer.ingestFile(fixture(f)));
    const after = await graphSnapshot(db.pool);
    // Quarantine rows belong to each run; the same records are quarantined again, nothing else.
    const distinct = (rows: object[]) => [...new Set(rows.map((r) => JSON.stringify(r)))].sort();
    expect({ ...after, quarantine: distinct(after.quarantine) }).toEqual({ ...before, quarantine: distinct(before.quarantine) });
    for (const r of again) {
      expect({ file: r.file, inserted: r.counts.inserted, updated: r.counts.updated }).toEqual({ file: r.file, inserted: 0, updated: 0 });
    }
    expect(again.reduce((n, r) => n + r.counts.unchanged, 0)).toBeGreaterThan(1000);
  });

  it('a reference to a post not yet seen is kept as a stub and resolved when the post arrives', async () => {
    const reply = { id: '1900000000000000002', author_id: '20', text: '@alice agreed', created_at: '2024-03-01T10:05:00.000Z', referenced_tweets: [{ type: 'replied_to', id: '1900000000000000001' }] };
    const original = { id: '1900000000000000001', author_id: '10', text: 'EVs are great', created_at: '2024-03-01T10:00:00.000Z' };
    await writeFile(join(dir, 'reply.jsonl'), v2Page('2024-03-02T00:00:00+00:00', [reply], [user('20', 'bob', 5)]) + '\n');
    await writeFile(join(dir, 'original.jsonl'), v2Page('2024-03-02T00:00:00+00:00', [original], [user('10', 'alice', 900)]) + '\n');
    const importer = importerFor(db);
    await importer.ingestFile(join(dir, 'reply.jsonl'));
    expect(await countRows(db.pool)).toMatchObject({ posts: 2, stub_posts: 1, interactions: {} });
    await importer.ingestFile(join(dir, 'original.jsonl'));
    expect(await countRows(db.pool)).toMatchObject({ posts: 2, stub_posts: 0, interactions: { reply: 1 } });
    const { rows } = await db.pool.query(
      `SELECT a.handle AS actor, b.handle AS target, i.occurred_at FROM interactions i
       JOIN social_accounts a ON a.id = i.actor_account_id JOIN social_accounts b ON b.id = i.target_account_id`,
    );
    expect(rows).toEqual([{ actor: 'bob', target: 'alice', occurred_at: new Date('2024-03-01T10:05:00.000Z') }]);
  });

  it('a newer observation updates current metrics and adds history; an older one only adds history', async () => {
    const tweet = (id: string) => ({ id, author_id: '10', text: 'hi', created_at: '2024-01-01T00:00:00.000Z' });
    await writeFile(join(dir, 'jan2.jsonl'), v2Page('2024-01-02T00:00:00+00:00', [tweet('1')], [user('10', 'alice', 200)]) + '\n');
    await writeFile(join(dir, 'jan1.jsonl'), v2Page('2024-01-01T00:00:00+00:00', [tweet('2')], [user('10', 'alice_old', 100)]) + '\n');
    await writeFile(join(dir, 'jan3.jsonl'), v2Page('2024-01-03T00:00:00+00:00', [tweet('3')], [user('10', 'alice_new', 300)]) + '\n');
    const importer = importerFor(db);
    const current = async () => (await db.pool.query(`SELECT handle, followers_count, metrics_observed_at FROM social_accounts WHERE external_id = '10'`)).rows[0];
    const history = async () => (await db.pool.query(`SELECT observed_at, followers_count FROM account_metrics_history ORDER BY observed_at`)).rows.map((r) => [r.observed_at.toISOString().slice(0, 10), r.followers_count]);
    await importer.ingestFile(join(dir, 'jan2.jsonl'));
    const older = await importer.ingestFile(join(dir, 'jan1.jsonl'));
    expect(await current()).toEqual({ handle: 'alice', followers_count: '200', metrics_observed_at: new Date('2024-01-02T00:00:00Z') });
    expect(await history()).toEqual([['2024-01-01', '100'], ['2024-01-02', '200']]);
    expect(older.counts.byEntity.accounts).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    await importer.ingestFile(join(dir, 'jan3.jsonl'));
    expect(await current()).toEqual({ handle: 'alice_new', followers_count: '300', metrics_observed_at: new Date('2024-01-03T00:00:00Z') });
    expect(await history()).toEqual([['2024-01-01', '100'], ['2024-01-02', '200'], ['2024-01-03', '300']]);
  });

  it('ids above 2^53 survive exactly, as bare JSON integers too', async () => {
    const line = '{"created_at":"Sat Jul 13 02:26:37 +0000 2019","id":1149867698572025858,"text":"hello @b","in_reply_to_status_id":1149867698572025857,'
      + '"in_reply_to_user_id":9007199254740993,"user":{"id":9007199254740995,"screen_name":"a","followers_count":3},'
      + '"entities":{"user_mentions":[{"id":9007199254740993,"screen_name":"b"}]}}';
    await writeFile(join(dir, 'bare-ids.jsonl'), `${line}\n`);
    const importer = importerFor(db);
    await importer.ingestFile(join(dir, 'bare-ids.jsonl'));
    await importer.ingestFile(fixture('twitter-v1/testgetstatus__0.json'));
    const posts = (await db.pool.query(`SELECT external_id FROM posts ORDER BY external_id`)).rows.map((r) => r.external_id);
    expect(posts).toEqual(['1149867698572025857', '1149867698572025858', '266367358078169089']);
    const accounts = (await db.pool.query(`SELECT external_id FROM social_accounts WHERE external_id LIKE '900719925474099%' ORDER BY 1`)).rows.map((r) => r.external_id);
    expect(accounts).toEqual(['9007199254740993', '9007199254740995']);
  });

  it('reads gzip by its magic bytes, whatever the file is called', async () => {
    await writeFile(join(dir, 'export.data'), gzipSync(await readFile(fixture('twitter-v2/brexit.jsonl'))));
    const result = await importerFor(db).ingestFile(join(dir, 'export.data'));
    expect(result.format).toBe('twitter-v2');
    expect(await countRows(db.pool)).toMatchObject({ accounts: 185, posts: 172, interactions: { mention: 59, quote: 13, reply: 17, repost: 67 } });
  });

  it('puts garbage, incomplete records and a truncated last line in quarantine and imports the rest', async () => {
    const good = (await readFile(fixture('twitter-v2/two_tweets.jsonl'), 'utf8')).trim();
    const lines = [good, 'this is not json', '{"data": [{"start": "2021-10-16T18:21:34.000Z", "tweet_count": 3}], "meta": {}}', '{"errors": [{"title": "Not Found"}]}', '{"data": [{"id": "77", "text": "partial'];
    await writeFile(join(dir, 'mixed.jsonl'), lines.join('\n'));
    const edges = ['1 2 1341100972 RT', '7 8 1341100973 RT', '8 9 1341100974 RE', '9 7 1341100975 RT', '1 2 1341100972 XX', 'lonely', '3 4 1341100999 MT', '5 6 13411'];
    await writeFile(join(dir, 'edges.txt'), edges.join('\n'));
    const importer = importerFor(db);
    const r1 = await importer.ingestFile(join(dir, 'mixed.jsonl'));
    const r2 = await importer.ingestFile(join(dir, 'edges.txt'));
    expect([r1.counts.read, r1.counts.quarantined, r2.counts.read, r2.counts.quarantined]).toEqual([5, 4, 8, 3]);
    const { rows } = await db.pool.query(`SELECT file, line_or_offset, reason, raw FROM import_quarantine ORDER BY file, line_or_offset`);
    expect(rows.map((r) => [r.file.endsWith('edges.txt') ? 'edges' : 'mixed', Number(r.line_or_offset), r.reason])).toEqual([
      ['edges', 5, 'unknown interaction type "XX" (known: RT, MT, RE, QT, repost, mention, reply, quote, like, follow)'],
      ['edges', 6, 'edge line needs at least an actor and a target'],
      ['edges', 8, 'truncated last line (no newline at end of file): edge without a type: add a type column or pass --edge-type'],
      ['mixed', 2, expect.stringMatching(/^malformed JSON/)],
      ['mixed', 3, 'Twitter v2 page has no tweets or users (e.g. counts, lists or an error page)'],
      ['mixed', 4, expect.stringMatching(/^API error object without data/)],
      ['mixed', 5, expect.stringMatching(/^truncated last line \(no newline at end of file\): malformed JSON/)],
    ]);
    expect(rows[3].raw).toBe('this is not json');
    expect(await countRows(db.pool)).toMatchObject({ posts: 2, interactions: { repost: 4, reply: 1, mention: 1 } });
  });

  it('refuses a file in no known format before writing anything', async () => {
    await writeFile(join(dir, 'letter.txt'), 'Dear team,\nthis is a letter, not an export.\n');
    await writeFile(join(dir, 'other.json'), '{"orders": [{"sku": "A1"}]}\n');
    const importer = importerFor(db);
    await expect(importer.ingestFile(join(dir, 'letter.txt'))).rejects.toThrow(/letter\.txt is not in a known format: .*Nothing was imported/);
    await expect(importer.ingestFile(join(dir, 'other.json'))).rejects.toBeInstanceOf(IngestionError);
    await expect(importer.ingestFile(fixture('edge-list/activity.txt'), { format: 'twitter-v2' })).rejects.toThrow(/does not look like twitter-v2 \(it looks like edge-list\)/);
    const { rows } = await db.pool.query(`SELECT (SELECT count(*) FROM import_runs)::int AS runs, (SELECT count(*) FROM social_accounts)::int AS accounts, (SELECT count(*) FROM import_quarantine)::int AS quarantined`);
    expect(rows[0]).toEqual({ runs: 0, accounts: 0, quarantined: 0 });
  });

  it('imports a directory file by file, skipping documentation and unknown files', async () => {
    await writeFile(join(dir, 'a.jsonl'), await readFile(fixture('bluesky/golden_v1.jsonl')));
    await writeFile(join(dir, 'b.txt'), await readFile(fixture('edge-list/activity.txt')));
    await writeFile(join(dir, 'SOURCE.md'), '# notes\n');
    await writeFile(join(dir, 'junk.csv'), 'name,age\nbob,3\n');
    const importer = importerFor(db);
    const plan = await importer.plan(dir);
    expect(plan.files.map((f) => [f.file.split('/').pop(), f.format])).toEqual([['a.jsonl', 'bluesky-jetstream'], ['b.txt', 'edge-list']]);
    expect(plan.ignored.map((f) => f.file.split('/').pop())).toEqual(['SOURCE.md', 'junk.csv']);
  });
  it('new rows COPYed without per-row foreign-key triggers make the same graph as with them, and no dangling reference', async () => {
    // The test server's role is a superuser, so the default run takes the bulk path (referenced rows locked by
    // the lookups, triggers off for the COPY of new rows); the other database forces the per-row triggers.
    expect((await db.pool.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)).rows[0].rolsuper).toBe(true);
    const other = await createTestDatabase();
    try {
      for (const f of ALL) {
        await importerFor(db).ingestFile(fixture(f), { batchSize: 50 });
        await importerFor(other).ingestFile(fixture(f), { batchSize: 50, perRowForeignKeyChecks: true });
      }
      expect(await graphSnapshot(db.pool, { writeTimes: false })).toEqual(await graphSnapshot(other.pool, { writeTimes: false }));
      const dangling = await db.pool.query(`
        SELECT (SELECT count(*) FROM posts p WHERE p.author_account_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM social_accounts a WHERE a.id = p.author_account_id))
          + (SELECT count(*) FROM posts p WHERE p.reply_to_post_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM posts r WHERE r.id = p.reply_to_post_id))
          + (SELECT count(*) FROM posts p WHERE p.quote_of_post_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM posts r WHERE r.id = p.quote_of_post_id))
          + (SELECT count(*) FROM posts p WHERE p.repost_of_post_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM posts r WHERE r.id = p.repost_of_post_id))
          + (SELECT count(*) FROM interactions i WHERE NOT EXISTS (SELECT 1 FROM social_accounts a WHERE a.id = i.actor_account_id)
               OR NOT EXISTS (SELECT 1 FROM social_accounts a WHERE a.id = i.target_account_id)
               OR (i.post_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = i.post_id)))
          + (SELECT count(*) FROM post_metrics_history h WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = h.post_id))
          + (SELECT count(*) FROM account_metrics_history h WHERE NOT EXISTS (SELECT 1 FROM social_accounts a WHERE a.id = h.account_id))
          + (SELECT count(*) FROM import_run_accounts r WHERE NOT EXISTS (SELECT 1 FROM social_accounts a WHERE a.id = r.account_id)) AS n`);
      expect(Number(dangling.rows[0].n)).toBe(0);
    } finally {
      await other.drop();
    }
  }, 120_000);
  it('while a batch that references an existing account is being written, that account cannot be deleted', async () => {
    await writeFile(join(dir, 'alice.jsonl'), v2Page('2024-03-02T00:00:00+00:00', [{ id: '1900000000000000001', author_id: '10', text: 'hello', created_at: '2024-03-01T10:00:00.000Z' }], [user('10', 'alice', 900)]) + '\n');
    await importerFor(db).ingestFile(join(dir, 'alice.jsonl'));
    const batch = new GraphBatch();
    batch.add({ ...emptyItems(), posts: [{ platform: 'twitter', externalId: '1900000000000000002', stub: false, authorExternalId: '10', text: 'again', postedAt: '2024-03-03T10:00:00.000Z' }] });
    const writing = await db.pool.connect();
    const deleting = await db.pool.connect();
    try {
      await writing.query('BEGIN');
      await new GraphWriter(writing).write(batch, null);
      // The new post's author reference must hold until the batch commits, as a foreign-key check would ensure.
      await deleting.query(`SET lock_timeout = '300ms'`);
      await expect(deleting.query(`DELETE FROM social_accounts WHERE platform = 'twitter' AND external_id = '10'`)).rejects.toMatchObject({ code: '55P03' });
      await writing.query('COMMIT');
      await deleting.query(`DELETE FROM social_accounts WHERE platform = 'twitter' AND external_id = '10'`);
      // ON DELETE SET NULL reached the post written by the batch.
      expect((await db.pool.query(`SELECT author_account_id FROM posts WHERE external_id = '1900000000000000002'`)).rows).toEqual([{ author_account_id: null }]);
    } finally {
      await writing.query('ROLLBACK').catch(() => undefined);
      writing.release();
      deleting.release();
    }
  });
});
