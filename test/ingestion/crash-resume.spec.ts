import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { graphSnapshot } from './support/graph-snapshot.js';
import { importerFor } from './support/fixtures.js';

const PAGES = 60;
const PER_PAGE = 40;
const GARBAGE_LINE = 17;

/** Twitter v2 pages whose tweets reply to, quote and mention across pages, with a garbage line in the middle. */
function writePages(): string {
  const lines: string[] = [];
  let n = 0;
  for (let p = 0; p < PAGES; p++) {
    if (lines.length + 1 === GARBAGE_LINE) lines.push('{"data": [ this is not json');
    const users = new Map<string, object>();
    const tweets = [];
    for (let i = 0; i < PER_PAGE; i++, n++) {
      const author = String(1000 + ((n * 7) % 150));
      const mentioned = String(1000 + ((n * 13) % 170));
      const tweet: Record<string, unknown> = {
        id: String(1800000000000000000n + BigInt(n)),
        author_id: author,
        created_at: new Date(Date.UTC(2024, 0, 1) + n * 60_000).toISOString(),
        text: `post ${n} #ev @u${mentioned}`,
        lang: 'en',
        public_metrics: { retweet_count: n % 5, reply_count: n % 3, like_count: n % 11, quote_count: 0 },
        entities: { hashtags: [{ tag: 'EV' }], mentions: [{ username: `u${mentioned}`, id: mentioned }] },
      };
      if (n > 50 && n % 4 === 0) tweet.referenced_tweets = [{ type: n % 8 === 0 ? 'replied_to' : 'quoted', id: String(1800000000000000000n + BigInt(n - 37)) }];
      tweets.push(tweet);
      for (const [id, followers] of [[author, 100 + p], [mentioned, 50]] as const) {
        users.set(id, { id, username: `u${id}`, name: `User ${id}`, public_metrics: { followers_count: followers, following_count: 5, tweet_count: 9, listed_count: 0 } });
      }
    }
    lines.push(JSON.stringify({ data: tweets, includes: { users: [...users.values()] }, __twarc: { retrieved_at: new Date(Date.UTC(2024, 1, 1) + p * 3_600_000).toISOString() } }));
  }
  return lines.join('\n') + '\n';
}

const runCounts = async (db: TestDatabase) =>
  (await db.pool.query(`SELECT status, read_count, inserted_count, updated_count, unchanged_count, quarantined_count FROM import_runs`)).rows;

describe('crash safety', () => {
  let dir: string;
  let crashed: TestDatabase;
  let clean: TestDatabase;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'renown-crash-'));
    [crashed, clean] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([crashed.drop(), clean.drop()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('kill -9 mid-import, run again: the database equals one uninterrupted run', async () => {
    const file = join(dir, 'pages.jsonl');
    await writeFile(file, writePages());
    const totalLines = PAGES + 1;

    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', new URL('./support/import-child.ts', import.meta.url).pathname, crashed.url, file, '150', '150'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let exited = false;
    child.once('exit', () => (exited = true));
    // Wait until several batches are committed, then kill without warning.
    let committed = 0;
    while (!exited && committed < 8) {
      await new Promise((r) => setTimeout(r, 25));
      const rows = await runCounts(crashed);
      committed = rows.length ? Number(rows[0].read_count) : 0;
    }
    child.kill('SIGKILL');
    await new Promise((r) => (exited ? r(null) : child.once('exit', r)));
    const [interrupted] = await runCounts(crashed);
    expect(interrupted.status).toBe('running');
    expect(Number(interrupted.read_count)).toBeGreaterThanOrEqual(8);
    expect(Number(interrupted.read_count)).toBeLessThan(totalLines);

    const resumed = await importerFor(crashed).ingestFile(file, { batchSize: 150 });
    expect(resumed.resumed).toBe(true);
    const uninterrupted = await importerFor(clean).ingestFile(file, { batchSize: 150 });
    expect(uninterrupted.resumed).toBe(false);

    expect(await graphSnapshot(crashed.pool, { writeTimes: false })).toEqual(await graphSnapshot(clean.pool, { writeTimes: false }));
    expect(await runCounts(crashed)).toEqual(await runCounts(clean));
    expect((await runCounts(clean))[0]).toMatchObject({ status: 'succeeded', read_count: String(totalLines), quarantined_count: '1' });
    expect(resumed.counts).toEqual(uninterrupted.counts);
  }, 180_000);
});
