import { GraphImporter, LiveImportSink, type RawRecord } from '@renown/ingestion';
import { DEFAULT_WANTED_COLLECTIONS, JetstreamConnector, MastodonTimelinePoller, PgConnectorCursorStore } from '@renown/ingestion/connectors/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { eventually, startJetstreamReplayServer, startMastodonReplayServer } from './live-replay-servers.js';

const FAST_BACKOFF = { initialMs: 20, maxMs: 100, factor: 2 };

async function* records(raws: string[]): AsyncGenerator<RawRecord> {
  let line = 0;
  for (const raw of raws) yield { raw, position: { line: ++line, byteOffset: 0 } };
}

/** What a user would compare: the accounts, posts and interactions in the graph, by platform ids. */
async function graphSnapshot(db: TestDatabase) {
  const q = async (sql: string) => (await db.pool.query(sql)).rows.map((r) => Object.values(r).join('|')).sort();
  return {
    accounts: await q(`SELECT platform, external_id, handle, display_name, is_stub FROM social_accounts`),
    posts: await q(`SELECT p.external_id, a.external_id AS author, p.text, p.language, p.hashtags, p.reply_to_post_id IS NOT NULL AS reply, p.is_stub, p.deleted_at FROM posts p LEFT JOIN social_accounts a ON a.id = p.author_account_id`),
    interactions: await q(`SELECT i.type, a.external_id, t.external_id, i.occurred_at, i.deleted_at FROM interactions i JOIN social_accounts a ON a.id = i.actor_account_id JOIN social_accounts t ON t.id = i.target_account_id`),
  };
}

describe('live connectors feeding the importer', () => {
  const dbs: TestDatabase[] = [];
  const fresh = async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    return db;
  };
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.drop();
  });

  it('a Jetstream stream cut mid-way and a restarted connector leave the graph exactly as one uninterrupted import', async () => {
    const server = await startJetstreamReplayServer({ cutAfter: { 0: 45 }, holdAfter: { 1: 40 } });
    try {
      const wanted = server.wanted(DEFAULT_WANTED_COLLECTIONS);
      const live = await fresh();
      const importer = new GraphImporter(live.pool, null);
      const options = { name: 'bluesky:e2e', url: server.url, cursors: new PgConnectorCursorStore(live.pool), batchSize: 20, flushIntervalMs: 50, backoff: FAST_BACKOFF };

      // First process: cut after 45 events, reconnects (the first event resent is the one at the cursor, which
      // is dropped), goes quiet after 39 new ones; then it is stopped.
      const a = new JetstreamConnector({ ...options, sink: new LiveImportSink(importer) });
      const runningA = a.run();
      await eventually(() => a.stats.delivered >= 84, '84 events stored').finally(() => a.stop());
      await a.stop();
      await runningA;
      // Second process resumes from the stored cursor and receives the rest.
      const b = new JetstreamConnector({ ...options, sink: new LiveImportSink(importer) });
      const runningB = b.run();
      await eventually(() => a.stats.delivered + b.stats.delivered >= wanted.length, 'all events stored');
      await b.stop();
      await runningB;
      expect(a.stats.delivered + b.stats.delivered).toBe(wanted.length);

      const once = await fresh();
      const result = await new GraphImporter(once.pool, null).ingest(records(wanted.map((e) => e.raw)), { format: 'bluesky-jetstream', source: 'test' });
      expect(result.status).toBe('succeeded');

      const expected = await graphSnapshot(once);
      expect(expected.posts.length).toBeGreaterThan(10);
      expect(expected.interactions.length).toBeGreaterThan(100);
      expect(await graphSnapshot(live)).toEqual(expected);
      const { rows } = await live.pool.query(`SELECT count(*)::int AS runs, sum(quarantined_count)::int AS quarantined FROM import_runs WHERE source = 'bluesky:e2e'`);
      expect(rows[0].quarantined).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('Mastodon statuses polled page by page land in the graph once each, keyed by their uri', async () => {
    const server = await startMastodonReplayServer();
    try {
      const db = await fresh();
      server.publish(5);
      const poller = new MastodonTimelinePoller({ name: 'mastodon:e2e', baseUrl: server.baseUrl, timelines: [], sink: new LiveImportSink(new GraphImporter(db.pool, null)), cursors: new PgConnectorCursorStore(db.pool), limit: 10 });
      await poller.catchUp({ kind: 'public' });
      server.publish(33);
      await poller.catchUp({ kind: 'public' });
      await poller.catchUp({ kind: 'public' });

      const { rows } = await db.pool.query(`SELECT external_id FROM posts WHERE platform = 'mastodon' AND NOT is_stub ORDER BY external_id`);
      const uris = server.statuses.map((s) => s.uri);
      expect(rows.map((r) => r.external_id).filter((u: string) => uris.includes(u)).sort()).toEqual([...uris].sort());
      const accounts = await db.pool.query(`SELECT external_id FROM social_accounts WHERE platform = 'mastodon' AND NOT is_stub ORDER BY 1`);
      expect(accounts.rows.map((r) => r.external_id)).toEqual(expect.arrayContaining(['gargron@mastodon.social', 'tobtobxx@fosstodon.org']));
    } finally {
      await server.close();
    }
  });
});
