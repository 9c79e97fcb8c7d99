import { blueskyJetstreamFormat } from '@renown/ingestion/formats/bluesky-jetstream.parser.js';
import { JetstreamConnector, PgConnectorCursorStore, DEFAULT_WANTED_COLLECTIONS, type LiveRecordBatch } from '@renown/ingestion/connectors/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { eventually, startJetstreamReplayServer, type JetstreamReplayServer } from './live-replay-servers.js';

const FAST_BACKOFF = { initialMs: 20, maxMs: 100, factor: 2 };
const timeOf = (raw: string) => Number(/"time_us":(\d+)/.exec(raw)![1]);

function collectingSink() {
  const batches: LiveRecordBatch[] = [];
  return {
    batches,
    times: () => batches.flatMap((b) => b.records.map((r) => timeOf(r.raw))),
    async write(batch: LiveRecordBatch) {
      batches.push(batch);
    },
  };
}

describe('Bluesky Jetstream connector against a local replay server', () => {
  let db: TestDatabase;
  let server: JetstreamReplayServer | undefined;

  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await db.drop();
  });

  it('delivers every wanted event once, in order, across a disconnect in the middle of the stream', async () => {
    server = await startJetstreamReplayServer({ cutAfter: { 0: 60 } });
    const sink = collectingSink();
    const cursors = new PgConnectorCursorStore(db.pool);
    const connector = new JetstreamConnector({ name: 'bluesky:test', url: server.url, sink, cursors, batchSize: 25, flushIntervalMs: 50, backoff: FAST_BACKOFF });
    const running = connector.run();
    const expected = server.wanted(DEFAULT_WANTED_COLLECTIONS).map((e) => e.timeUs);
    await eventually(() => sink.times().length >= expected.length, 'all events');
    await connector.stop();
    await running;

    const delivered = sink.times();
    expect(delivered).toEqual(expected);
    expect(new Set(delivered).size).toBe(delivered.length);
    // The second connection resumed from the last event received before the cut (Jetstream's cursor is
    // inclusive, so that event came again and was dropped by the connector).
    expect(server.connections.length).toBeGreaterThanOrEqual(2);
    expect(Number(server.connections[1].searchParams.get('cursor'))).toBe(expected[59]);
    expect(connector.stats.duplicatesSkipped).toBeGreaterThanOrEqual(1);
    // Only graph collections were asked for: blocks and status records never arrive.
    expect(server.connections[0].searchParams.getAll('wantedCollections')).toEqual(DEFAULT_WANTED_COLLECTIONS);
    expect(delivered.length).toBeLessThan(162);
    const { rows } = await db.pool.query(`SELECT cursor, events_processed FROM ingestion_live_cursors WHERE connector = 'bluesky:test'`);
    expect(rows).toEqual([{ cursor: String(expected[expected.length - 1]), events_processed: String(expected.length) }]);
  });

  it('resumes after a restart from the cursor stored in the database, without gaps or repeats', async () => {
    server = await startJetstreamReplayServer({ holdAfter: { 0: 70 } });
    const expected = server.wanted(DEFAULT_WANTED_COLLECTIONS).map((e) => e.timeUs);
    const cursors = new PgConnectorCursorStore(db.pool);

    const first = collectingSink();
    const a = new JetstreamConnector({ name: 'bluesky:restart', url: server.url, sink: first, cursors, batchSize: 30, flushIntervalMs: 50, backoff: FAST_BACKOFF });
    const runningA = a.run();
    await eventually(() => first.times().length >= 70, 'the first 70 events');
    await a.stop();
    await runningA;

    // A new process: nothing in memory, only the stored cursor.
    const second = collectingSink();
    const b = new JetstreamConnector({ name: 'bluesky:restart', url: server.url, sink: second, cursors: new PgConnectorCursorStore(db.pool), batchSize: 30, flushIntervalMs: 50, backoff: FAST_BACKOFF });
    const runningB = b.run();
    await eventually(() => first.times().length + second.times().length >= expected.length, 'the remaining events');
    await b.stop();
    await runningB;

    expect(Number(server.connections[1].searchParams.get('cursor'))).toBe(expected[69]);
    expect([...first.times(), ...second.times()]).toEqual(expected);
  });

  it('hands the ingestion parser events it accepts: nothing the live stream delivers is refused', async () => {
    server = await startJetstreamReplayServer();
    const sink = collectingSink();
    const connector = new JetstreamConnector({ name: 'bluesky:parse', url: server.url, sink, cursors: new PgConnectorCursorStore(db.pool), batchSize: 40, flushIntervalMs: 50, backoff: FAST_BACKOFF });
    const running = connector.run();
    const expected = server.wanted(DEFAULT_WANTED_COLLECTIONS);
    await eventually(() => sink.times().length >= expected.length, 'all events');
    await connector.stop();
    await running;

    const parser = blueskyJetstreamFormat.create({});
    const outcomes = sink.batches.flatMap((b) => b.records.map((r) => parser.parse(r)));
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    const posts = outcomes.flatMap((o) => (o.ok ? o.items.posts.filter((p) => !p.stub) : []));
    expect(posts.length).toBe(expected.filter((e) => e.collection === 'app.bsky.feed.post' && /"operation":"create"/.test(e.raw)).length);
  });

  it('gives up on a peer that stops answering pings and reconnects, instead of waiting forever', async () => {
    server = await startJetstreamReplayServer({ deadPeer: true });
    const connector = new JetstreamConnector({ name: 'bluesky:dead', url: server.url, sink: collectingSink(), cursors: new PgConnectorCursorStore(db.pool), heartbeatMs: 50, backoff: FAST_BACKOFF });
    const running = connector.run();
    await eventually(() => server!.connections.length >= 3, 'two reconnections').finally(() => connector.stop());
    await running;
    expect(connector.stats.connections).toBeGreaterThanOrEqual(3);
  });
});
