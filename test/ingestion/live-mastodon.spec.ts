import { mastodonFormat } from '@renown/ingestion/formats/mastodon.parser.js';
import { MastodonStreamingConnector, MastodonTimelinePoller, PgConnectorCursorStore, type LiveRecordBatch } from '@renown/ingestion/connectors/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { eventually, startMastodonReplayServer, type MastodonReplayServer } from './live-replay-servers.js';

function collectingSink() {
  const batches: LiveRecordBatch[] = [];
  return {
    batches,
    ids: () => batches.flatMap((b) => b.records.map((r) => JSON.parse(r.raw).id as string)),
    async write(batch: LiveRecordBatch) {
      batches.push(batch);
    },
  };
}

describe('Mastodon timeline poller against a local replay instance', () => {
  let db: TestDatabase;
  let server: MastodonReplayServer | undefined;

  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await db.drop();
  });

  it('starts from the newest page, then walks a burst larger than a page forward with min_id, with no gap and no repeat', async () => {
    server = await startMastodonReplayServer();
    server.publish(50);
    const sink = collectingSink();
    const poller = new MastodonTimelinePoller({ name: 'mastodon:test', baseUrl: server.baseUrl, timelines: [{ kind: 'public' }], sink, cursors: new PgConnectorCursorStore(db.pool) });

    await poller.catchUp({ kind: 'public' });
    expect(sink.ids()).toEqual(server.statuses.slice(10).map((s) => s.id));

    server.publish(95);
    await poller.catchUp({ kind: 'public' });
    const all = sink.ids();
    expect(all).toEqual(server.statuses.slice(10).map((s) => s.id));
    expect(new Set(all).size).toBe(all.length);
    // Ids above 2^53 stay exact strings.
    expect(all[all.length - 1]).toBe('110000000000000144');
    const pagedRequests = server.requests.filter((u) => u.searchParams.has('min_id'));
    expect(pagedRequests.length).toBeGreaterThanOrEqual(3);
    expect(server.requests.some((u) => u.searchParams.has('since_id'))).toBe(false);
  });

  it('resumes a hashtag timeline from the cursor stored in the database after a restart', async () => {
    server = await startMastodonReplayServer();
    server.publish(30, ['ElectricVehicles']);
    server.publish(20);
    const first = collectingSink();
    await new MastodonTimelinePoller({ name: 'mastodon:ev', baseUrl: server.baseUrl, timelines: [], sink: first, cursors: new PgConnectorCursorStore(db.pool), limit: 20 }).catchUp({ kind: 'hashtag', tag: '#ElectricVehicles' });
    expect(first.ids()).toEqual(server.statuses.slice(10, 30).map((s) => s.id));

    server.publish(7, ['electricvehicles']);
    const second = collectingSink();
    const restarted = new MastodonTimelinePoller({ name: 'mastodon:ev', baseUrl: server.baseUrl, timelines: [], sink: second, cursors: new PgConnectorCursorStore(db.pool), limit: 20 });
    await restarted.catchUp({ kind: 'hashtag', tag: 'ElectricVehicles' });
    expect(second.ids()).toEqual(server.statuses.slice(50).map((s) => s.id));
    const { rows } = await db.pool.query(`SELECT connector, cursor FROM ingestion_live_cursors`);
    expect(rows).toEqual([{ connector: 'mastodon:ev:tag:electricvehicles', cursor: server.statuses[56].id }]);
  });

  it('waits out a rate limit (429 with Retry-After) and then delivers statuses the ingestion parser accepts', async () => {
    server = await startMastodonReplayServer({ rateLimitFirst: true });
    server.publish(12);
    const sink = collectingSink();
    const poller = new MastodonTimelinePoller({ name: 'mastodon:rl', baseUrl: server.baseUrl, timelines: [{ kind: 'public' }], sink, cursors: new PgConnectorCursorStore(db.pool), intervalMs: 60_000 });
    const running = poller.run();
    const deadline = Date.now() + 15_000;
    while (sink.ids().length < 12 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    poller.stop();
    await running;

    expect(poller.stats.errors).toBe(1);
    expect(sink.ids()).toEqual(server.statuses.map((s) => s.id));
    const parser = mastodonFormat.create({});
    const outcomes = sink.batches.flatMap((b) => b.records.map((r) => parser.parse(r)));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const posts = outcomes.flatMap((o) => (o.ok ? o.items.posts.filter((p) => !p.stub) : []));
    expect(new Set(posts.map((p) => p.externalId)).size).toBeGreaterThanOrEqual(12);
  });

  it('streams a hashtag over server-sent events and, after the stream drops, backfills what it missed from the timeline', async () => {
    server = await startMastodonReplayServer();
    server.publish(5, ['cars']);
    const sink = collectingSink();
    const connector = new MastodonStreamingConnector({
      name: 'mastodon:stream',
      baseUrl: server.baseUrl,
      timeline: { kind: 'hashtag', tag: 'cars' },
      sink,
      cursors: new PgConnectorCursorStore(db.pool),
      flushIntervalMs: 30,
      backoff: { initialMs: 20, maxMs: 50, factor: 2 },
    });
    const running = connector.run();
    try {
      await eventually(() => connector.stats.connections === 1, 'the stream to open');
      server.publish(7, ['cars']);
      server.publish(3); // not tagged: not for this stream
      await eventually(() => sink.ids().length === 12, '12 statuses');
      expect(connector.stats.streamed).toBe(7);

      server.dropStreams();
      server.publish(4, ['Cars']); // published while nobody listens
      await eventually(() => connector.stats.connections === 2, 'the stream to reopen');
      server.publish(2, ['cars']);
      await eventually(() => sink.ids().length === 18, '18 statuses');
    } finally {
      connector.stop();
      await running;
    }
    const tagged = server.statuses.filter((s) => s.tags.some((t: { name: string }) => t.name.toLowerCase() === 'cars')).map((s) => s.id);
    expect(sink.ids()).toEqual(tagged);
    expect(connector.stats.caughtUp).toBe(5 + 4);
    const { rows } = await db.pool.query(`SELECT cursor FROM ingestion_live_cursors WHERE connector = 'mastodon:stream:tag:cars'`);
    expect(rows).toEqual([{ cursor: tagged[tagged.length - 1] }]);
  });
});
