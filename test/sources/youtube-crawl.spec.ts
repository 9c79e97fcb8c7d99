import { signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { buildYoutubeWorld, FAKE_YOUTUBE_KEY, startFakeYoutubeApi, type FakeYoutubeApi } from '../support/fake-networks/index.js';

/*
 * A YouTube crawl end to end: started from GraphQL, run by the worker against the fake Data API with a small daily
 * quota. The quota runs out mid-crawl: the crawl waits with a sentence saying when it resumes, re-queued for the
 * reset. The next (simulated) day it resumes and completes, with no channel, playlist or video read twice, and
 * lands exactly the world's channels, videos and commenters. Look-ups by @handle, URL and channel id, and an
 * unknown channel.
 */
const CRAWL = `query($id: ID!) { crawl(id: $id) { id status statusReason requests counts { found fetched kept dropped notFound failed quarantined } } }`;
const LOOKUP = `query($p: String!, $h: String!) { influencerLookup(platform: $p, handle: $h) { platform query status message accountId } }`;
/** Units the whole crawl spends; the day's quota is set below it so the crawl must wait once. */
const DAILY_QUOTA = 200;
const DAY = 86_400_000;

describe('crawling YouTube for a vertical, across a spent daily quota', () => {
  let t: TestApp;
  let brand: SignedUp;
  let api: FakeYoutubeApi;
  const world = buildYoutubeWorld();

  beforeAll(async () => {
    api = await startFakeYoutubeApi(world, { dailyQuota: 10_000 });
    t = await createTestApp({ YOUTUBE_API_URL: api.apiUrl, YOUTUBE_API_KEY: FAKE_YOUTUBE_KEY, YOUTUBE_DAILY_QUOTA: String(DAILY_QUOTA), YOUTUBE_RATE_LIMIT: '100000/60' });
    brand = await signUpBrand(t);
    await t.startWorker();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await api?.close();
  });

  const waitFor = async (id: string, done: (c: any) => boolean, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await t.graphql(CRAWL, { id }, brand.headers);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      if (done(res.data.crawl) || Date.now() > deadline) return res.data.crawl;
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  it('pauses when the quota is spent, resumes the next day, reads nothing twice and lands exact counts', async () => {
    const res = await t.graphql(`mutation($i: StartCrawlInput!) { startCrawl(input: $i) { id status network } }`, { i: { network: 'youtube', terms: ['car review', 'EV review'], maxAccounts: 500 } }, brand.headers);
    expect(res.errors).toBeUndefined();
    const id = res.data.startCrawl.id;

    const waiting = await waitFor(id, (c) => c.status !== 'queued' && c.status !== 'running');
    const pacificOffset = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', timeZoneName: 'shortOffset' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')!.value;
    const utcHour = pacificOffset === 'GMT-7' ? '07' : '08';
    expect(waiting).toMatchObject({ status: 'waiting', statusReason: `YouTube's daily quota for this key is spent (200 units); the crawl resumes after midnight Pacific time (${utcHour}:00 UTC)` });
    expect(waiting.counts.fetched).toBeGreaterThan(0);
    // Re-queued for the reset (a minute after midnight Pacific), not in 60 s.
    const { rows: jobs } = await t.db.pool.query(`SELECT start_after FROM pgboss.job WHERE name = 'sources.crawl' AND state = 'created'`);
    expect(jobs.length).toBe(1);
    expect(jobs[0].start_after.getTime() - Date.now()).toBeGreaterThan(60_000);
    expect(jobs[0].start_after.getTime() - Date.now()).toBeLessThan(DAY + 120_000);
    expect(jobs[0].start_after.getUTCHours()).toBe(Number(utcHour));
    const { rows: ledger } = await t.db.pool.query(`SELECT bucket, used, quota, exhausted_at FROM network_quota_ledger ORDER BY bucket`);
    expect(ledger.find((l) => l.bucket === 'units')).toMatchObject({ quota: 200, exhausted_at: expect.any(Date) });
    // The ledger spent exactly what Google charged (reservations not used were given back), never more than the quota.
    const day1 = api.used(FAKE_YOUTUBE_KEY);
    expect(day1.units).toBeLessThanOrEqual(DAILY_QUOTA);
    expect(ledger.map((l) => [l.bucket, l.used])).toEqual([['search', day1.search], ['units', day1.units]]);

    // The next day: the ledger's rows belong to yesterday, Google's counters reset, the job's time has come.
    await t.db.pool.query(`UPDATE network_quota_ledger SET quota_day = quota_day - 1`);
    api.newDay();
    await t.db.pool.query(`UPDATE pgboss.job SET start_after = now() WHERE name = 'sources.crawl' AND state = 'created'`);
    const done = await waitFor(id, (c) => ['done', 'failed', 'cancelled'].includes(c.status));
    expect(done).toMatchObject({ status: 'done', statusReason: 'no more accounts to follow', requests: api.requests.length });
    // Every channel of the world: 10 car and 6 EV reviewers and 4 car channels found through comments kept; 3
    // off-topic channels and 10 viewers dropped; the deleted commenter not found.
    expect(done.counts).toEqual({ found: 34, fetched: 34, kept: 20, dropped: 13, notFound: 1, failed: 0, quarantined: 0 });
    const { rows: today } = await t.db.pool.query(`SELECT bucket, used FROM network_quota_ledger WHERE quota_day = (SELECT max(quota_day) FROM network_quota_ledger) ORDER BY bucket`);
    expect(today.map((l) => [l.bucket, l.used])).toEqual([['search', api.used(FAKE_YOUTUBE_KEY).search], ['units', api.used(FAKE_YOUTUBE_KEY).units]]);

    // Nothing read twice: no channel in two channels.list calls, no uploads playlist page or video twice, no search page twice.
    const twice = (m: Map<string, number>) => [...m].filter(([, n]) => n > 1);
    expect(twice(api.reads('channel'))).toEqual([]);
    expect(twice(api.reads('video'))).toEqual([]);
    const playlistPages = api.calls('playlistItems').map((r) => `${r.query.playlistId} ${r.query.pageToken ?? ''}`);
    expect(new Set(playlistPages).size).toBe(playlistPages.length);
    const searches = api.calls('search').map((r) => `${r.query.q} ${r.query.pageToken ?? ''}`);
    expect(searches.sort()).toEqual(['EV review ', 'car review ']);

    // Exactly the world, in the database: 33 live channels, the deleted one as a stub, 12 recent videos of each of
    // the 23 channels that upload, and one reply per comment under each channel's 10 most viewed recent videos that have comments.
    const live = world.channels.filter((c) => !c.deleted);
    const uploaders = live.filter((c) => c.kind !== 'viewer');
    const recent = (cid: string) => world.videosOf(cid).filter((v) => Date.parse(v.publishedAt) >= Date.now() - 90 * DAY);
    const engaged = new Set(uploaders.flatMap((c) => recent(c.id).filter((v) => v.commentCount > 0).sort((a, b) => b.viewCount - a.viewCount).slice(0, 10).map((v) => v.id)));
    const replies = world.comments.filter((c) => engaged.has(c.videoId)).length;
    const count = async (sql: string) => (await t.db.pool.query(sql)).rows[0].n;
    const counts = {
      channels: await count(`SELECT count(*)::int AS n FROM social_accounts WHERE platform = 'youtube' AND NOT is_stub`),
      stubs: await count(`SELECT count(*)::int AS n FROM social_accounts WHERE platform = 'youtube' AND is_stub`),
      videos: await count(`SELECT count(*)::int AS n FROM posts p JOIN social_accounts a ON a.id = p.author_account_id WHERE a.platform = 'youtube' AND NOT p.is_stub`),
      replies: await count(`SELECT count(*)::int AS n FROM interactions i JOIN social_accounts a ON a.id = i.actor_account_id WHERE a.platform = 'youtube' AND i.type = 'reply'`),
    };
    expect(counts).toEqual({ channels: 33, stubs: 1, videos: 276, replies: 426 });
    expect(counts).toEqual({ channels: live.length, stubs: 1, videos: uploaders.reduce((n, c) => n + recent(c.id).length, 0), replies });

    // Ids stay strings: a view count above 2^53 is kept to the digit, channel ids are the API's.
    const big = world.channel('big-views');
    const { rows: acc } = await t.db.pool.query(`SELECT external_id, handle, details FROM social_accounts WHERE platform = 'youtube' AND external_id = $1`, [big.id]);
    expect(acc).toEqual([{ external_id: big.id, handle: big.handle, details: expect.objectContaining({ viewCount: '9007199254740993', uploadsPlaylistId: big.uploadsPlaylistId }) }]);
    const hidden = world.channel('hidden-subscribers');
    expect((await t.db.pool.query(`SELECT followers_count FROM social_accounts WHERE external_id = $1`, [hidden.id])).rows[0].followers_count).toBeNull();
  }, 60_000);
  const lookUntilSettled = async (handle: string) => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const res = await t.graphql(LOOKUP, { p: 'youtube', h: handle }, brand.headers);
      if (res.errors) return { errors: res.errors };
      if (!['fetching'].includes(res.data.influencerLookup.status) || Date.now() > deadline) return res.data.influencerLookup;
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  it('looks up a channel by @handle, youtube.com/@handle, youtube.com/channel/UC... or its id; an unknown one is not found', async () => {
    const c = world.byKind('graph-car')[1];
    for (const asked of [`@${c.handle}`, `https://www.youtube.com/@${c.handle}/videos`, `youtube.com/channel/${c.id}`, c.id]) {
      const answer = await lookUntilSettled(asked);
      expect(answer).toMatchObject({ platform: 'youtube', query: asked.includes('channel/') || asked === c.id ? c.id : c.handle, accountId: expect.any(String) });
      expect(['ready', 'scoring']).toContain(answer.status);
    }
    const before = api.requests.length;
    expect(await lookUntilSettled('@nobody-on-youtube')).toMatchObject({ status: 'not-found', query: 'nobody-on-youtube', message: '@nobody-on-youtube is not a YouTube channel (or it was deleted).' });
    expect(await lookUntilSettled('UCzzzzzzzzzzzzzzzzzzzzzz')).toMatchObject({ status: 'not-found', message: 'There is no YouTube channel UCzzzzzzzzzzzzzzzzzzzzzz (it may have been deleted).' });
    // Known channels were answered from what Renown holds; only the two unknown ones were asked of YouTube.
    expect(api.requests.slice(before).map((r) => r.path)).toEqual(['/youtube/v3/channels', '/youtube/v3/channels']);
    const { rows } = await t.db.pool.query(`SELECT brand_id::text AS b FROM account_lookups WHERE platform = 'youtube'`);
    expect(rows.map((r) => r.b)).toEqual([brand.brandId, brand.brandId]);
    const bad = await lookUntilSettled('not a channel!');
    expect(bad.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^"not a channel!" is not a YouTube handle/), extensions: { code: 'BAD_USER_INPUT' } });
  }, 30_000);
});

