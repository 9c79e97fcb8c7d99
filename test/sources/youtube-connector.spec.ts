import { PoliteHttpClient } from '../../libs/sources/src/http/polite-http-client.js';
import { CredentialRefusedError } from '../../libs/sources/src/credentials/credential-refused.error.js';
import { createConnector } from '../../libs/sources/src/networks/create-connector.js';
import type { AccountFetch } from '../../libs/sources/src/networks/network-connector.js';
import { YoutubeConnector } from '../../libs/sources/src/networks/youtube/youtube-connector.js';
import { QuotaExhaustedError, QuotaLedger, quotaToday, youtubePolicy } from '../../libs/sources/src/quota/quota-ledger.js';
import { buildYoutubeWorld, FAKE_YOUTUBE_KEY, startFakeYoutubeApi, type FakeYoutubeApi } from '../support/fake-networks/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { testConfig } from '../support/test-app.js';

/*
 * The YouTube connector against the fake Data API: search finds channels (one channels.list for the page, not read
 * again when fetched), a channel comes back with its recent uploads and the commenters of its most viewed videos,
 * handles and unknown channels, comments disabled, a refused key, the API's own quotaExceeded, a malformed page
 * set aside with its URL, and every call counted in the ledger exactly as the API counts it.
 */
const UA = 'Renown-test/1 (+http://example.test/contact)';
const world = buildYoutubeWorld();
const DAY = 86_400_000;

const fetched = (got: AccountFetch) => {
  if (got.status !== 'fetched') throw new Error(`expected fetched, got ${got.status}: ${got.message}`);
  return got;
};
/** What a default fetch (90 days, 100 videos, 10 most viewed) should read of a channel, from the world itself. */
const expectedOf = (channelId: string) => {
  const recent = world.videosOf(channelId).filter((v) => Date.parse(v.publishedAt) >= Date.now() - 90 * DAY);
  const engaged = [...recent].sort((a, b) => b.viewCount - a.viewCount).slice(0, 10);
  const commenters = new Set(world.comments.filter((c) => engaged.some((v) => v.id === c.videoId) && c.authorChannelId !== channelId).map((c) => c.authorChannelId));
  return { videos: recent.length, engaged: engaged.length, commenters };
};

describe('YoutubeConnector', () => {
  let db: TestDatabase;
  let api: FakeYoutubeApi;
  const clients: PoliteHttpClient[] = [];
  const connector = (key = FAKE_YOUTUBE_KEY, daily = 10_000) => {
    const http = new PoliteHttpClient({ userAgent: UA, limit: { requests: 100_000, windowSeconds: 60 }, minBackoffMs: 5, maxBackoffMs: 20 });
    clients.push(http);
    const ledger = new QuotaLedger(db.pool, { network: 'youtube', credential: key, policy: youtubePolicy(daily, 100) });
    return new YoutubeConnector({ apiUrl: api.apiUrl, apiKey: key, http, ledger, pool: db.pool });
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startFakeYoutubeApi(world);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await api?.close();
    await db?.drop();
  });

  it('searches channels 50 a page and reads the page\'s channels in one channels.list, kept for their fetch', async () => {
    const yt = connector();
    const page = await yt.searchAccounts('car review', null);
    const found = world.channels.filter((c) => ['car', 'ev', 'off-topic'].includes(c.kind));
    expect(page.candidates.map((c) => c.ref).sort()).toEqual(found.map((c) => c.id).sort());
    expect(page.candidates.length).toBe(19);
    expect(page.cursor).toBeNull();
    expect(page.pages.map((p) => p.method)).toEqual(['search.list', 'channels.list']);
    expect(page.pages.every((p) => !p.url.includes(FAKE_YOUTUBE_KEY) && p.url.includes('key=redacted'))).toBe(true);
    const [search] = api.calls('search');
    expect(search.query).toMatchObject({ part: 'snippet', type: 'channel', q: 'car review', maxResults: '50', key: FAKE_YOUTUBE_KEY });
    expect(String(api.calls('channels')[0].query.id).split(',').length).toBe(19);

    // Fetching a searched channel reads no channel again: uploads, videos, comments only.
    const reviewer = world.byKind('car')[0];
    const before = api.requests.length;
    const got = fetched(await yt.fetchAccount(reviewer.id));
    const sent = api.requests.slice(before).map((r) => r.path.split('/').pop());
    const want = expectedOf(reviewer.id);
    expect(sent).toEqual(['playlistItems', 'videos', ...Array(want.engaged).fill('commentThreads')]);
    expect(got).toMatchObject({ externalId: reviewer.id, handle: reviewer.handle, displayName: reviewer.title, bio: reviewer.description });
    expect(got.posts.length).toBe(want.videos);
    expect(new Set(got.neighbours.map((n) => n.ref))).toEqual(want.commenters);
    expect(got.neighbours.every((n) => n.via === 'engager')).toBe(true);
    expect(got.pages.map((p) => p.method)).toEqual(['channels.list', 'playlistItems.list', 'videos.list', ...Array(want.engaged).fill('commentThreads.list')]);
    // Every page dated at the channel's read: one metrics-history row per fetch.
    expect(new Set(got.pages.map((p) => p.fetchedAt)).size).toBe(1);

    // The ledger counted exactly what the API charged, and gave back what the fetch reserved but did not use.
    const [units, searches] = await quotaToday(db.pool, 'youtube', FAKE_YOUTUBE_KEY);
    expect({ units: units.used, search: searches.used }).toEqual(api.used(FAKE_YOUTUBE_KEY));
  });

  it('reads a channel by @handle (forHandle), rounding subscribers to 3 figures; hidden subscribers are unknown', async () => {
    const yt = connector();
    const hidden = world.channel('hidden-subscribers');
    const got = fetched(await yt.fetchAccount(`@${hidden.handle.toUpperCase()}`));
    expect(got).toMatchObject({ externalId: hidden.id, handle: hidden.handle, followersCount: null });
    expect(api.calls('channels').at(-1)!.query.forHandle).toBe(`@${hidden.handle.toUpperCase()}`);
    const ev = world.byKind('ev')[0];
    const byId = fetched(await yt.fetchAccount(ev.id, { maxPosts: 3, maxEngagedPosts: 1 }));
    expect(byId.followersCount).toBe(Number(String(ev.subscribers).slice(0, 3)) * 10 ** (String(ev.subscribers).length - 3));
    expect(byId.posts.length).toBe(3);
  });

  it('an unknown channel or handle is "not-found" with a plain sentence; comments disabled is no error', async () => {
    const yt = connector();
    expect(await yt.fetchAccount('UCnobodynobodynobody0000')).toEqual({ status: 'not-found', externalId: 'UCnobodynobodynobody0000', handle: null, message: 'There is no YouTube channel UCnobodynobodynobody0000 (it may have been deleted).', quarantined: [] });
    expect(await yt.fetchAccount('@nobody-here')).toMatchObject({ status: 'not-found', message: '@nobody-here is not a YouTube channel (or it was deleted).' });
    expect(await yt.fetchAccount(world.channel('deleted').id)).toMatchObject({ status: 'not-found' });
    const disabled = world.channel('comments-disabled');
    const got = fetched(await yt.fetchAccount(disabled.id));
    expect(got.quarantined).toEqual([]);
    expect(got.neighbours).toEqual([]);
    expect(got.posts.length).toBe(12);
    expect(api.requests.filter((r) => r.path.endsWith('commentThreads') && r.status === 403).length).toBeGreaterThan(0);
  });

  it('a malformed page is set aside with its URL while the rest goes in; a 5xx is retried', async () => {
    const yt = connector();
    const c = world.byKind('car')[3];
    api.inject({ match: '/youtube/v3/videos?', kind: 'malformed' });
    api.inject({ match: '/youtube/v3/playlistItems?', kind: '503' });
    const got = fetched(await yt.fetchAccount(c.id));
    expect(got.quarantined).toEqual([{ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/youtube\/v3\/videos\?.*key=redacted/), reason: 'videos.list answered HTTP 200 with a body that is not JSON', raw: expect.stringContaining('<!DOCTYPE html>') }]);
    expect(got.posts).toEqual([]);
    expect(got.pages.map((p) => p.method)).toEqual(['channels.list', 'playlistItems.list']);
  });

  it('a bad key is a CredentialRefusedError that says what to check', async () => {
    const yt = connector('AIzaSy-not-a-valid-key-xyz9');
    const err = await yt.fetchAccount(world.byKind('car')[0].id).catch((e) => e);
    expect(err).toBeInstanceOf(CredentialRefusedError);
    expect(err.message).toBe('YouTube refused the API key …xyz9: API key not valid. Please pass a valid API key.. Check YOUTUBE_API_KEY or the key saved in the Sources screen.');
    expect(JSON.stringify(api.requests.at(-1))).toContain('AIzaSy-not-a-valid-key-xyz9'); // sent in `key`, as Google wants
  });

  it('the API answering quotaExceeded marks the day spent in the ledger: nothing more is sent until the reset', async () => {
    const key = 'AIzaSy-second-key-for-quota';
    const fake = await startFakeYoutubeApi(world, { keys: [key], dailyQuota: 5 });
    const http = new PoliteHttpClient({ userAgent: UA, limit: { requests: 100_000, windowSeconds: 60 } });
    clients.push(http);
    // The ledger believes in 10,000 units (the key is shared with another app, say); Google says otherwise.
    const yt = createConnector('youtube', { config: testConfig({ YOUTUBE_API_URL: fake.apiUrl }), credential: { network: 'youtube', apiKey: key, source: 'config' }, pool: db.pool, userAgent: UA, http });
    try {
      const err = await yt.fetchAccount(world.byKind('ev')[2].id).catch((e) => e);
      expect(err).toBeInstanceOf(QuotaExhaustedError);
      expect(err.message).toMatch(/^YouTube's daily quota for this key is spent \(10,000 units\); the crawl resumes after midnight Pacific time \(0[78]:00 UTC\)$/);
      const sent = fake.requests.length;
      await expect(yt.fetchAccount(world.byKind('ev')[3].id)).rejects.toBeInstanceOf(QuotaExhaustedError);
      expect(fake.requests.length).toBe(sent);
      expect((await quotaToday(db.pool, 'youtube', key))[0].exhaustedAt).toEqual(expect.any(Date));
    } finally {
      await fake.close();
    }
  });
});
