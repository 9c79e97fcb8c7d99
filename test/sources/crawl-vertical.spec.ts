import { signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildAutomotiveWorld, startFakeBlueskyAppView, startFakeMastodonInstance, type AutomotiveWorld, type FakeServer } from '../support/fake-networks/index.js';

/*
 * Done-when of issue #15, end to end: a brand starts crawls of "cars, electric vehicles" on both networks from
 * GraphQL; the worker crawls the local fake AppView and instance; the imports are scored by the worker's own
 * chain; and "top influencers in automotive" then ranks the networks' car people first, with the follower
 * counts their profiles report. Opted-out people are neither crawled nor kept.
 */
const SEARCH = `query($q: String) { influencers(query: $q, first: 30) { edges { node { account { handle platform followers } score } } } }`;
const CRAWL = `query($id: ID!) { crawl(id: $id) { id status statusReason requests counts { found fetched kept dropped notFound suspended optedOut quarantined } rateLimit { limit usedShare } } }`;

describe('crawling a vertical from the open networks', () => {
  let t: TestApp;
  let brand: SignedUp;
  let world: AutomotiveWorld;
  let bluesky: FakeServer;
  let mastodon: FakeServer;

  beforeAll(async () => {
    world = buildAutomotiveWorld(1);
    bluesky = await startFakeBlueskyAppView(world.bluesky, { rateLimit: { requests: 3000, windowSeconds: 30 } });
    mastodon = await startFakeMastodonInstance(world.mastodon, { rateLimit: { requests: 3000, windowSeconds: 30 } });
    t = await createTestApp({
      BLUESKY_APPVIEW_URL: bluesky.url,
      MASTODON_INSTANCE_URL: mastodon.url,
      BLUESKY_RATE_LIMIT: '3000/30',
      MASTODON_RATE_LIMIT: '3000/30',
      CRAWLER_CONTACT_URL: 'https://renown.example/contact',
    });
    brand = await signUpBrand(t);
    await t.startWorker();
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await bluesky?.close();
    await mastodon?.close();
  });

  const waitForCrawl = async (id: string, timeoutMs = 120_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await t.graphql(CRAWL, { id }, brand.headers);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      if (['done', 'failed', 'cancelled'].includes(res.data.crawl.status) || Date.now() > deadline) return res.data.crawl;
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  it('crawls both networks, keeps the car people, and search ranks them first with their real follower counts', async () => {
    const started = await Promise.all(
      (['bluesky', 'mastodon'] as const).map(async (network) => {
        const res = await t.graphql(`mutation($i: StartCrawlInput!) { startCrawl(input: $i) { id status network terms topicSlugs } }`, { i: { network, terms: ['cars', 'electric vehicles'], maxAccounts: 300 } }, brand.headers);
        expect(res.errors).toBeUndefined();
        expect(res.data.startCrawl).toMatchObject({ status: 'queued', network, terms: ['cars', 'electric vehicles'] });
        return res.data.startCrawl.id as string;
      }),
    );
    const crawls = await Promise.all(started.map((id) => waitForCrawl(id)));
    for (const [k, network] of (['bluesky', 'mastodon'] as const).entries()) {
      const crawl = crawls[k];
      const cars = world.carPeople(network).filter((p) => !p.special || p.special === 'renamed');
      expect(crawl).toMatchObject({ status: 'done' });
      expect(crawl.counts.kept).toBeGreaterThanOrEqual(cars.length);
      // Kept means about cars: at most a few of the others slip through.
      expect(crawl.counts.kept).toBeLessThanOrEqual(cars.length + 3);
      expect(crawl.counts.dropped).toBeGreaterThan(0);
      expect(crawl.requests).toBeGreaterThan(0);
    }

    // Every request named Renown and the contact address.
    for (const server of [bluesky, mastodon]) expect(server.requests.every((r) => r.userAgent === 'Renown/0.1 (+https://renown.example/contact)')).toBe(true);

    // Opted-out people: never fetched beyond their profile, never stored.
    const optedOut = [world.special('bluesky', 'opted-out')!, world.special('mastodon', 'noindex')!, world.special('mastodon', 'undiscoverable')!];
    const { rows: stored } = await t.db.pool.query(`SELECT external_id FROM social_accounts WHERE external_id = ANY($1::text[]) OR lower(handle) = ANY($2::text[])`, [optedOut.map((p) => p.id), optedOut.map((p) => p.handle.toLowerCase())]);
    expect(stored).toEqual([]);
    expect(bluesky.requests.filter((r) => JSON.stringify(r.query).includes(optedOut[0].id) && !r.path.includes('getProfile'))).toEqual([]);

    // Scoring runs in the worker after the imports (debounced; brought forward here rather than waited for).
    const deadline = Date.now() + 90_000;
    let topicScores = 0;
    while (Date.now() < deadline && !topicScores) {
      await t.db.pool.query(`UPDATE pgboss.job SET start_after = now() WHERE name = 'scoring.run' AND state = 'created'`);
      topicScores = (await t.db.pool.query(`SELECT count(*)::int AS n FROM account_topic_scores`)).rows[0].n;
      if (!topicScores) await new Promise((r) => setTimeout(r, 500));
    }
    expect(topicScores).toBeGreaterThan(0);

    const res = await t.graphql(SEARCH, { q: 'top influencers in automotive' }, brand.headers);
    expect(res.errors).toBeUndefined();
    const rows = res.data.influencers.edges.map((e: any) => e.node.account);
    const carHandles = new Map([...world.carPeople('bluesky'), ...world.carPeople('mastodon')].map((p) => [p.handle.toLowerCase(), p]));
    const top = rows.slice(0, 20);
    expect(top.length).toBe(20);
    expect(top.filter((a: any) => carHandles.has(a.handle.toLowerCase())).length).toBeGreaterThanOrEqual(19);
    expect(new Set(top.map((a: any) => a.platform))).toEqual(new Set(['bluesky', 'mastodon']));
    for (const a of top) {
      const person = carHandles.get(a.handle.toLowerCase());
      if (person) expect(a.followers).toBe(person.followersCount);
    }
  }, 300_000);
});
