import { parseNetworkPage } from '../../libs/ingestion/src/formats/network-pages.parser.js';
import { PoliteHttpClient } from '../../libs/sources/src/http/polite-http-client.js';
import {
  InstagramConnector,
  InstagramCredentialError,
  InstagramUsageLimitError,
  parseBusinessUseCaseUsage,
  resetInstagramPacing,
  type InstagramConnectorOptions,
} from '../../libs/sources/src/networks/instagram/instagram-connector.js';
import { MalformedPageError } from '../../libs/sources/src/networks/malformed-page.error.js';
import { buildInstagramWorld, startFakeInstagramGraph, type FakeInstagramGraph } from '../support/fake-networks/index.js';

/*
 * The Instagram connector against the fake Graph API (Business Discovery): a profile with its latest 50 media read
 * over two pages (the API gives at most 25 per page), personal and age-gated accounts answered with a plain
 * sentence, a refused token, the Business Use Case usage header (spaced out above 80%, stopped at 100% or on a
 * throttling error until Instagram says calls are allowed again), malformed pages and 5xx.
 */
const world = buildInstagramWorld();
const UA = 'Renown-test/1 (+http://example.test)';
let graph: FakeInstagramGraph;
let offset = 0; // the connector's clock runs this far ahead of the real one
const clients: PoliteHttpClient[] = [];

const connector = (options: Partial<InstagramConnectorOptions> = {}, token = world.token) => {
  const http = new PoliteHttpClient({ userAgent: UA, limit: { requests: 10_000, windowSeconds: 60 }, minBackoffMs: 10, retries: 2 });
  clients.push(http);
  return new InstagramConnector({ graphUrl: graph.url, http, credential: { accessToken: token, businessAccountId: world.brandAccountId }, slowGapMs: 100, now: () => Date.now() + offset, ...options });
};

beforeAll(async () => {
  graph = await startFakeInstagramGraph(world);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await graph?.close();
});
beforeEach(() => {
  resetInstagramPacing();
  offset = 0;
  graph.setUsage({ call_count: 3, total_cputime: 2, total_time: 2, estimated_time_to_regain_access: 0 }, 0);
  graph.setThrottleCode(4);
  graph.requests.length = 0;
});

describe('Instagram connector (Business Discovery)', () => {
  it('reads the profile and the latest 50 media, paging with the after-cursor, the token never in a URL', async () => {
    const julia = world.byUsername('ev_julia');
    const fetched = await connector().fetchAccount('@EV_Julia');
    if (fetched.status !== 'fetched') throw new Error(fetched.message);
    expect(fetched).toMatchObject({ externalId: julia.id, handle: 'ev_julia', displayName: 'Julia Winter', followersCount: 48_210, neighbours: [], quarantined: [] });
    expect(fetched.posts).toHaveLength(50);
    expect(fetched.posts[0].hashtags).toEqual(['ev', 'electricvehicles']);
    expect(graph.requests.map((r) => [r.username, r.after !== null, r.status])).toEqual([
      ['ev_julia', false, 200],
      ['ev_julia', true, 200],
    ]);
    expect(graph.requests[0].fields).toContain('media.limit(50){id,caption,comments_count,like_count,media_type,media_product_type,permalink,timestamp}');
    expect(graph.requests[1].fields).toMatch(/media\.after\([^)]+\)\.limit\(25\)/);
    expect(fetched.pages).toHaveLength(2);
    for (const p of fetched.pages) {
      expect(p).toMatchObject({ network: 'instagram', method: 'business_discovery', subject: { username: 'ev_julia' } });
      expect(p.url).not.toContain(world.token);
      expect(p.url).not.toContain('access_token');
    }
    // Through the parser: one account with its counts, 50 posts, 10 of them with the like count hidden (null).
    const parsed = fetched.pages.map((p) => parseNetworkPage(JSON.parse(JSON.stringify(p))));
    const items = parsed.flatMap((o) => (o.ok ? [o.items] : []));
    expect(items).toHaveLength(2);
    expect(items.flatMap((i) => i.accounts.filter((a) => !a.stub))).toEqual([expect.objectContaining({ externalId: julia.id, followersCount: '48210', postsCount: '60' })]);
    const posts = items.flatMap((i) => i.posts);
    expect(posts).toHaveLength(50);
    expect(posts.filter((p) => p.likeCount === null)).toHaveLength(10);
    expect(new Set(posts.map((p) => (p.annotations![0] as { media: { kind: string } }).media.kind))).toEqual(new Set(['reel', 'image', 'carousel', 'video']));
  });

  it('reads all the media of an account with fewer than 50, and an account with none', async () => {
    const tom = await connector().fetchAccount('torque.tom');
    expect(tom.status === 'fetched' && tom.posts.length).toBe(30);
    const rui = await connector().fetchAccount('rally_rui');
    expect(rui.status === 'fetched' && rui.posts.length).toBe(0);
    expect(graph.requests.map((r) => r.username)).toEqual(['torque.tom', 'torque.tom', 'rally_rui']);
  });

  it('answers personal, age-gated and unknown usernames with a plain sentence', async () => {
    const c = connector();
    for (const name of ['my.private.life', 'brewhouse.ales', 'nobody.here.at.all']) {
      const r = await c.fetchAccount(name);
      expect(r).toEqual({
        status: 'not-found', externalId: null, handle: name, quarantined: [],
        message: `Instagram does not share @${name}: only business and creator accounts can be read (not personal or age-gated ones), or the username does not exist.`,
      });
    }
    expect(graph.requests.map((r) => r.status)).toEqual([400, 400, 400]);
  });

  it('says clearly when the token is refused (bad or expired)', async () => {
    await expect(connector({}, 'EAAGnot-a-real-token').fetchAccount('ev_julia')).rejects.toThrow(
      new InstagramCredentialError('Instagram refused the access token (Invalid OAuth access token - Cannot parse access token). Paste a new token in Sources, or set INSTAGRAM_ACCESS_TOKEN.'),
    );
    const stale = buildInstagramWorld().token + '-stale';
    const staleWorld = { ...world, token: stale };
    const other = await startFakeInstagramGraph(staleWorld);
    try {
      other.expireToken(stale);
      const http = new PoliteHttpClient({ userAgent: UA, limit: { requests: 100, windowSeconds: 1 } });
      clients.push(http);
      const c = new InstagramConnector({ graphUrl: other.url, http, credential: { accessToken: stale, businessAccountId: world.brandAccountId } });
      await expect(c.fetchAccount('ev_julia')).rejects.toThrow(/^Instagram refused the access token \(Error validating access token: Session has expired/);
    } finally {
      await other.close();
    }
  });

  it('parses X-Business-Use-Case-Usage, keeping the highest figure of each', () => {
    expect(parseBusinessUseCaseUsage('{"1784":[{"type":"instagram","call_count":12,"total_cputime":40,"total_time":7,"estimated_time_to_regain_access":0}],"99":[{"type":"pages","call_count":81,"total_cputime":1,"total_time":1,"estimated_time_to_regain_access":3}]}')).toEqual({
      callCount: 81, totalCputime: 40, totalTime: 7, estimatedTimeToRegainAccess: 3,
    });
    expect(parseBusinessUseCaseUsage(null)).toBeNull();
    expect(parseBusinessUseCaseUsage('not json')).toBeNull();
    expect(parseBusinessUseCaseUsage('{}')).toBeNull();
  });

  it('spaces requests out above 80% of the usage, more the closer it gets to 100%', async () => {
    // Under 80%: the two pages of ev_julia go one right after the other.
    await connector().fetchAccount('ev_julia');
    const fast = graph.requests[1].at - graph.requests[0].at;
    expect(fast).toBeLessThan(400);
    // At 90% of total_cputime: 150 ms * 2^((90 - 80) / 5) = 600 ms between requests.
    resetInstagramPacing();
    graph.requests.length = 0;
    graph.setUsage({ total_cputime: 90 });
    const c = connector({ slowGapMs: 150 });
    await c.fetchAccount('ev_julia');
    await c.fetchAccount('torque.tom');
    const gaps = graph.requests.slice(1).map((r, i) => r.at - graph.requests[i].at);
    expect(gaps).toHaveLength(3);
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(500); // less a margin for a loaded machine
    expect(c.rateLimit().usedShare).toBe(0.9);
  });

  it('stops at 100% until estimated_time_to_regain_access has passed, and says so', async () => {
    graph.setUsage({ call_count: 100, estimated_time_to_regain_access: 7 });
    const c = connector();
    const err = await c.fetchAccount('ev_julia').catch((e) => e);
    expect(err).toBeInstanceOf(InstagramUsageLimitError);
    expect(err.message).toMatch(
      /^Instagram's usage limit for this account is reached \(call_count 100%, total_cputime 2%, total_time 2%\), so Renown has stopped reading Instagram until \d\d:\d\d UTC \(in about 7 minutes\), when Instagram says calls are allowed again\.$/,
    );
    expect(graph.requests).toHaveLength(1);
    // Until then nothing is sent, by this connector or a new one for the same token (a later look-up's).
    await expect(connector().fetchAccount('torque.tom')).rejects.toBeInstanceOf(InstagramUsageLimitError);
    expect(graph.requests).toHaveLength(1);
    // Seven minutes later (the connector's clock moved), with Instagram's usage back down, reading resumes.
    graph.setUsage({ call_count: 20, estimated_time_to_regain_access: 0 });
    offset = 7 * 60_000 + 1_000;
    const tom = await connector().fetchAccount('torque.tom');
    expect(tom.status).toBe('fetched');
  });

  it('stops after an answer that reaches 100% (its data is kept), and on any throttling code', async () => {
    graph.setUsage({ call_count: 98 }, 1); // each answered call adds a point: 99, then 100
    const c = connector();
    const julia = await c.fetchAccount('ev_julia');
    expect(julia.status === 'fetched' && julia.posts.length).toBe(50);
    expect(c.usage().blockedUntil).not.toBeNull();
    await expect(c.fetchAccount('torque.tom')).rejects.toThrow(/in about 1 minute\)/);
    expect(graph.requests).toHaveLength(2);

    for (const code of [17, 32, 613, 80002] as const) {
      resetInstagramPacing();
      graph.setThrottleCode(code);
      graph.setUsage({ call_count: 100, estimated_time_to_regain_access: 2 }, 0);
      await expect(connector().fetchAccount('voltgarage')).rejects.toThrow(/in about 2 minutes\)/);
    }
  });

  it('quarantines a malformed media page and keeps the rest; a malformed profile is a MalformedPageError', async () => {
    graph.inject({ match: 'after(', kind: 'malformed' });
    const julia = await connector().fetchAccount('ev_julia');
    if (julia.status !== 'fetched') throw new Error(julia.message);
    expect(julia.posts).toHaveLength(25);
    expect(julia.pages).toHaveLength(1);
    expect(julia.quarantined).toEqual([{ url: expect.stringContaining('/v26.0/17841400000000001?fields=business_discovery'), reason: 'business_discovery answered HTTP 200 with a body that is not JSON', raw: expect.stringContaining('<!DOCTYPE html>') }]);

    graph.inject({ match: 'username(mia_classics)', kind: 'wrong-shape' });
    await expect(connector().fetchAccount('mia_classics')).rejects.toBeInstanceOf(MalformedPageError);
  });

  it('retries a 5xx, and gives up with NetworkUnavailableError after the retries', async () => {
    graph.inject({ match: 'username(shine.detailing)', kind: '500' });
    const shine = await connector().fetchAccount('shine.detailing');
    expect(shine.status === 'fetched' && shine.posts.length).toBe(9);
    graph.inject({ match: 'username(voltgarage)', kind: '503', times: 3 });
    await expect(connector().fetchAccount('voltgarage')).rejects.toThrow(/did not answer \(HTTP 503.*\) after 3 attempts/);
  });

  it('offers no account search (Instagram has none)', async () => {
    expect(await connector().searchAccounts()).toEqual({ pages: [], candidates: [], cursor: null, quarantined: [] });
    expect(graph.requests).toHaveLength(0);
  });
});
