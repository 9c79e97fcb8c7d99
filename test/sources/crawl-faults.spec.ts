import { GraphImporter } from '../../libs/ingestion/src/index.js';
import { createConnector, CrawlRunner, CrawlStore } from '../../libs/sources/src/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { buildAutomotiveWorld, startFakeBlueskyAppView, type FakeBlueskyAppView } from '../support/fake-networks/index.js';

/*
 * A crawl on a network that misbehaves: 429s (with Retry-After), 500s and 503s are waited out and retried,
 * a malformed page is set aside with its URL and reason while the crawl goes on, and a network that is down
 * leaves the crawl "waiting" with a plain reason and its frontier intact, to go on when it is back.
 */
describe('a crawl through 429s, 5xx, malformed pages and an outage', () => {
  let db: TestDatabase;
  let appview: FakeBlueskyAppView;
  const world = buildAutomotiveWorld(1);

  beforeAll(async () => {
    db = await createTestDatabase();
    appview = await startFakeBlueskyAppView(world.bluesky, { rateLimit: { requests: 5000, windowSeconds: 30 } });
  });
  afterAll(async () => {
    await appview?.close();
    await db?.drop();
  });

  const connector = () => createConnector('bluesky', { appviewUrl: appview.url, userAgent: 'Renown/0.1 (+https://renown.example)', limit: { requests: 5000, windowSeconds: 30 }, minBackoffMs: 20 });

  it('retries what can be retried, quarantines the malformed page, and keeps every car person', async () => {
    const store = new CrawlStore(db.pool);
    const crawl = await store.create({ brandId: null, network: 'bluesky', origin: appview.url, terms: ['cars', 'electric vehicles'], topicSlugs: ['cars', 'electric-cars'], maxAccounts: 300, maxHours: null });
    appview.inject({ match: /searchActors/, kind: '429', times: 1 });
    appview.inject({ match: /getAuthorFeed/, kind: '500', times: 2 });
    appview.inject({ match: /getFollowers/, kind: '503', times: 1 });
    appview.inject({ match: /getLikes/, kind: 'malformed', times: 1 });
    appview.inject({ match: /getFollows/, kind: 'wrong-shape', times: 1 });
    const c = connector();
    const progress = await new CrawlRunner(db.pool, new GraphImporter(db.pool), c).run(crawl.id);
    await c.close?.();
    expect(progress.status).toBe('done');
    const carPeople = world.carPeople('bluesky').filter((p) => !p.special || p.special === 'renamed');
    expect(progress.counts.kept).toBeGreaterThanOrEqual(carPeople.length);
    expect(progress.counts.failed).toBe(0);
    const quarantined = await store.quarantined(crawl.id);
    expect(quarantined.map((q) => q.reason).sort()).toEqual([
      expect.stringMatching(/^app\.bsky\.feed\.getLikes answered HTTP 200 with a body that is not JSON$/),
      'app.bsky.graph.getFollows page without a "follows" list',
    ]);
    for (const q of quarantined) expect(q.url).toMatch(new RegExp(`^${appview.url}/xrpc/app\\.bsky\\.`));
    expect(appview.stats().byStatus[429]).toBeGreaterThanOrEqual(1);
    expect(appview.stats().byStatus[500]).toBe(2);
  }, 120_000);

  it('waits with a plain reason when the network is down, and goes on from its frontier once it is back', async () => {
    const store = new CrawlStore(db.pool);
    const crawl = await store.create({ brandId: null, network: 'bluesky', origin: appview.url, terms: ['cars'], topicSlugs: ['cars'], maxAccounts: 20, maxHours: null });
    appview.setDown(true);
    const down = createConnector('bluesky', { appviewUrl: appview.url, userAgent: 'Renown/0.1', limit: { requests: 5000, windowSeconds: 30 }, minBackoffMs: 10 });
    const first = await new CrawlRunner(db.pool, new GraphImporter(db.pool), down).run(crawl.id);
    await down.close?.();
    expect(first.status).toBe('waiting');
    expect((await store.get(crawl.id))!.statusReason).toMatch(/^127\.0\.0\.1:\d+ did not answer \(connection (reset|refused)\) after 6 attempts$/);
    appview.setDown(false);
    const up = connector();
    const second = await new CrawlRunner(db.pool, new GraphImporter(db.pool), up).run(crawl.id);
    await up.close?.();
    expect(second.status).toBe('done');
    expect(second.counts.fetched).toBeGreaterThanOrEqual(20);
  }, 120_000);
});
