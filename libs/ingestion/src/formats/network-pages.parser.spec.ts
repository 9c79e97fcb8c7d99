import { readFileSync } from 'node:fs';
import type { ParsedItems, ParseOutcome } from '../model/graph-observation.js';
import { detectFormat } from './detect-format.js';
import { findFormat } from './format-registry.js';
import { networkPagesFormat, parseNetworkPage } from './network-pages.parser.js';

const fixtureText = (name: string) => readFileSync(new URL(`../../../../test/fixtures/network-pages/${name}`, import.meta.url), 'utf8');
const fixture = (name: string) => JSON.parse(fixtureText(name));
const record = (value: unknown, line = 1) => ({ raw: typeof value === 'string' ? value : JSON.stringify(value), position: { line, byteOffset: 0 } });

const ALICE = 'did:plc:alicealicealicealiceali';
const BOB = 'did:plc:bobbobbobbobbobbobbobbob';
const DAVE = 'did:plc:davedavedavedavedavedave';
const CAROL = 'did:plc:carolcarolcarolcarolcaro';
const A1 = `at://${ALICE}/app.bsky.feed.post/3kq2aaaaaaa2a`;
const B1 = `at://${BOB}/app.bsky.feed.post/3kq2bbbbbbb2a`;
const B2 = `at://${BOB}/app.bsky.feed.post/3kq2bbbbbbb2b`;

function ok(outcome: ParseOutcome): ParsedItems & { rejected: { reason: string; raw: string }[] } {
  if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
  return { ...outcome.items, rejected: outcome.rejected ?? [] };
}
const full = (items: ParsedItems) => items.accounts.filter((a) => !a.stub);
const edges = (items: ParsedItems) => items.interactions.map((i) => [i.type, i.actorExternalId, i.targetExternalId, i.postExternalId ?? null, i.occurredAt ?? null]);

describe('network-pages format: Bluesky', () => {
  it('maps getProfile (ProfileViewDetailed) to an account with counts, dated by the fetch', () => {
    const items = ok(parseNetworkPage(fixture('bluesky-get-profile.json')));
    expect(items.accounts).toEqual([
      {
        platform: 'bluesky', externalId: ALICE, stub: false, handle: 'alice.example.com', displayName: 'Alice Drives',
        bio: 'EV reviews and road trips. Also at https://alice.example.com', links: ['https://alice.example.com'], verified: null,
        createdAt: '2023-05-01T10:00:00.000Z', followersCount: '1520', followingCount: '310', postsCount: '842', observedAt: '2024-11-02T09:00:00.000Z',
      },
    ]);
  });

  it('leaves counts unobserved (null) for list views, never zero', () => {
    const items = ok(parseNetworkPage(fixture('bluesky-search-actors.json')));
    expect(full(items).map((a) => [a.externalId, a.displayName, a.followersCount, a.followingCount, a.postsCount])).toEqual([
      [ALICE, 'Alice (EV reviews)', null, null, null],
      [BOB, 'Bob', null, null, null],
    ]);
  });

  it('maps getAuthorFeed posts (facets, reply, quote, embeds, counts) and reposts, leaving the opted-out account out', () => {
    const items = ok(parseNetworkPage(fixture('bluesky-author-feed.json')));
    const a1 = items.posts.find((p) => p.externalId === A1)!;
    expect(a1).toEqual({
      platform: 'bluesky', externalId: A1, stub: false, authorExternalId: ALICE, postedAt: '2024-10-01T09:00:00.000Z',
      text: 'Testing the new fast charger 🔌 with @bob.example.com #EV https://cars.example/review', language: 'en', hashtags: ['ev'],
      mentionedExternalIds: [BOB], urls: ['https://cars.example/review', 'https://charger.example/model-x'], replyToExternalId: null, quoteOfExternalId: null,
      likeCount: '12', repostCount: '3', replyCount: '1', quoteCount: '1', observedAt: '2024-11-02T09:00:01.000Z',
    });
    const byId = new Map(items.posts.filter((p) => !p.stub).map((p) => [p.externalId, p]));
    expect(byId.get(`at://${ALICE}/app.bsky.feed.post/3kq2aaaaaaa2b`)).toMatchObject({ replyToExternalId: B1, quoteOfExternalId: null });
    expect(byId.get(`at://${ALICE}/app.bsky.feed.post/3kq2aaaaaaa2c`)).toMatchObject({ replyToExternalId: null, quoteOfExternalId: B1 });
    expect(byId.get(B2)).toMatchObject({ authorExternalId: BOB, likeCount: '7' });
    expect(items.posts.filter((p) => p.stub).map((p) => [p.externalId, p.authorExternalId])).toEqual([[B1, BOB], [B1, BOB]]);
    // carol's post, her account and alice's repost of it are skipped: 1 account + 1 post + 1 edge.
    expect([...byId.keys()].some((k) => k.includes(CAROL))).toBe(false);
    expect(items.accounts.some((a) => a.externalId === CAROL)).toBe(false);
    expect(items.skipped).toBe(3);
    expect(edges(items)).toEqual([
      ['mention', ALICE, BOB, A1, '2024-10-01T09:00:00.000Z'],
      ['repost', ALICE, BOB, B2, null],
    ]);
    expect(items.interactions[1].sourceRef).toBe(`at://${ALICE}/app.bsky.feed.repost/3kq2rrrrrrr2a`);
    expect(items.rejected).toEqual([]);
  });

  it('maps getLikes to like edges timed by the like, with a stub of the liked post', () => {
    const items = ok(parseNetworkPage(fixture('bluesky-likes.json')));
    expect(edges(items)).toEqual([
      ['like', BOB, ALICE, A1, '2024-10-01T09:05:00.000Z'],
      ['like', DAVE, ALICE, A1, '2024-10-01T12:00:00.000Z'],
    ]);
    expect(items.posts).toEqual([{ platform: 'bluesky', externalId: A1, stub: true, authorExternalId: ALICE }]);
    expect(items.skipped).toBe(2); // carol and her like
  });

  it('maps getFollowers and getFollows to follow edges with no time (stable across crawls)', () => {
    const followers = ok(parseNetworkPage(fixture('bluesky-followers.json')));
    expect(edges(followers)).toEqual([
      ['follow', BOB, ALICE, null, null],
      ['follow', DAVE, ALICE, null, null],
    ]);
    const page = fixture('bluesky-followers.json');
    const follows = ok(parseNetworkPage({ ...page, method: 'app.bsky.graph.getFollows', body: { subject: page.body.subject, follows: page.body.followers } }));
    expect(edges(follows)).toEqual([
      ['follow', ALICE, BOB, null, null],
      ['follow', ALICE, DAVE, null, null],
    ]);
  });

  it('maps getRepostedBy (no time) and getQuotes (quoting posts)', () => {
    const likes = fixture('bluesky-likes.json');
    const reposted = ok(parseNetworkPage({ ...likes, method: 'app.bsky.feed.getRepostedBy', body: { uri: A1, repostedBy: likes.body.likes.map((l: any) => l.actor) } }));
    expect(edges(reposted)).toEqual([
      ['repost', BOB, ALICE, A1, null],
      ['repost', DAVE, ALICE, A1, null],
    ]);
    const feed = fixture('bluesky-author-feed.json');
    const quoting = feed.body.feed[2].post; // alice quoting B1
    const quotes = ok(parseNetworkPage({ ...likes, method: 'app.bsky.feed.getQuotes', body: { uri: B1, posts: [quoting, { ...feed.body.feed[3].post }] } }));
    expect(quotes.posts.filter((p) => !p.stub).map((p) => [p.externalId, p.quoteOfExternalId])).toEqual([
      [quoting.uri, B1],
      [B2, B1], // a post in a getQuotes answer quotes the subject even when its embed view was elided
    ]);
  });

  it('refuses pages that are not the documented shape, naming the method and URL', () => {
    const broken = fixture('broken-author-feed.json');
    expect(parseNetworkPage(broken)).toEqual({ ok: false, reason: `app.bsky.feed.getAuthorFeed page without a "feed" list (${broken.url})` });
    const base = fixture('bluesky-likes.json');
    expect(parseNetworkPage({ ...base, method: 'app.bsky.feed.getTimeline' })).toEqual({ ok: false, reason: `unknown bluesky page method "app.bsky.feed.getTimeline" (${base.url})` });
    expect(parseNetworkPage({ ...base, body: { likes: [] } })).toEqual({ ok: false, reason: `app.bsky.feed.getLikes page without the post "uri" it is about (${base.url})` });
    expect(parseNetworkPage({ ...base, body: { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' } })).toEqual({
      ok: false, reason: `app.bsky.feed.getLikes page is an error answer: RateLimitExceeded: Rate Limit Exceeded (${base.url})`,
    });
    expect(parseNetworkPage({ ...base, fetchedAt: 'yesterday' })).toMatchObject({ ok: false, reason: expect.stringContaining('"fetchedAt"') });
    expect(parseNetworkPage({ ...base, url: undefined })).toMatchObject({ ok: false, reason: 'network page without a "url"' });
    expect(parseNetworkPage({ ...base, network: 'twitter' })).toMatchObject({ ok: false, reason: expect.stringContaining('unknown network "twitter"') });
    const { body: _drop, ...noBody } = base;
    expect(parseNetworkPage(noBody)).toMatchObject({ ok: false, reason: `app.bsky.feed.getLikes page without a "body" (${base.url})` });
    expect(parseNetworkPage([base])).toMatchObject({ ok: false, reason: expect.stringContaining('not a network page') });
  });

  it('rejects bad items of a good page and keeps the rest', () => {
    const page = fixture('bluesky-followers.json');
    page.body.followers.push({ handle: 'nodid.example.com' }, 'garbage');
    const items = ok(parseNetworkPage(page));
    expect(edges(items)).toHaveLength(2);
    expect(items.rejected.map((r) => r.reason)).toEqual([
      `app.bsky.graph.getFollowers item without a valid "did" (${page.url})`,
      `app.bsky.graph.getFollowers item without a valid "did" (${page.url})`,
    ]);
    expect(JSON.parse(items.rejected[0].raw)).toEqual({ handle: 'nodid.example.com' });
    // A page whose every item is refused is refused whole.
    const allBad = fixture('bluesky-search-actors.json');
    allBad.body.actors = [{ nope: 1 }];
    expect(parseNetworkPage(allBad)).toMatchObject({ ok: false, reason: expect.stringContaining('no usable item') });
  });

  it('remembers opt-outs across the pages of a run', () => {
    const parser = networkPagesFormat.create({});
    ok(parser.parse(record(fixture('bluesky-followers.json')))); // carol's label is seen here
    const likes = fixture('bluesky-likes.json');
    const carolPost = `at://${CAROL}/app.bsky.feed.post/3kq2ccccccc2a`;
    const items = ok(parser.parse(record({ ...likes, body: { ...likes.body, uri: carolPost, likes: likes.body.likes.slice(0, 1) } })));
    expect(items.interactions).toEqual([]);
    expect(items.posts).toEqual([]);
    expect(items.accounts.map((a) => a.externalId)).toEqual([BOB]);
  });
});

describe('network-pages format: Mastodon', () => {
  const GINA = 'gina@mastodon.example';
  const HANK = 'hank@other.example';
  const S1 = 'https://mastodon.example/users/gina/statuses/110000000000000101';

  it('maps accounts.lookup with mastodonAccount, dated by the fetch', () => {
    const items = ok(parseNetworkPage(fixture('mastodon-lookup.json')));
    expect(items.accounts).toEqual([
      expect.objectContaining({ platform: 'mastodon', externalId: GINA, stub: false, followersCount: '2400', followingCount: '180', postsCount: '1290', verified: true, observedAt: '2024-11-02T10:00:00.000Z', links: ['https://mastodon.example/@gina', 'https://gina.example/'] }),
    ]);
  });

  it('maps accounts.statuses with the Mastodon status mapping and drops a reblog of an opted-out account', () => {
    const items = ok(parseNetworkPage(fixture('mastodon-statuses.json')));
    expect(items.posts.map((p) => [p.externalId, p.authorExternalId, p.observedAt])).toEqual([
      ['https://mastodon.example/users/gina/statuses/110000000000000103', GINA, '2024-11-02T10:00:01.000Z'],
      [S1, GINA, '2024-11-02T10:00:01.000Z'],
    ]);
    expect(items.posts[1]).toMatchObject({ hashtags: ['ebike'], mentionedExternalIds: [HANK], likeCount: '14' });
    expect(edges(items)).toEqual([
      ['mention', GINA, HANK, 'https://mastodon.example/users/gina/statuses/110000000000000103', '2024-10-22T08:00:00.000Z'],
      ['reply', GINA, HANK, 'https://mastodon.example/users/gina/statuses/110000000000000103', '2024-10-22T08:00:00.000Z'],
      ['mention', GINA, HANK, S1, '2024-10-20T08:00:00.000Z'],
    ]);
    expect(items.accounts.some((a) => a.externalId.startsWith('ivy@'))).toBe(false);
    expect(items.skipped).toBe(3); // ivy, her status, gina's reblog of it
  });

  it('maps followers / following with the subject, and favourited_by / reblogged_by to the subject status', () => {
    const followers = ok(parseNetworkPage(fixture('mastodon-followers.json')));
    expect(edges(followers)).toEqual([['follow', HANK, GINA, null, null]]);
    expect(followers.skipped).toBe(2); // jo (discoverable: false) and her follow
    const following = ok(parseNetworkPage({ ...fixture('mastodon-followers.json'), method: 'accounts.following' }));
    expect(edges(following)).toEqual([['follow', GINA, HANK, null, null]]);
    const favs = ok(parseNetworkPage(fixture('mastodon-favourited-by.json')));
    expect(edges(favs)).toEqual([['like', HANK, GINA, S1, null]]);
    expect(favs.posts).toEqual([{ platform: 'mastodon', externalId: S1, stub: true, authorExternalId: GINA }]);
    const reblogs = ok(parseNetworkPage({ ...fixture('mastodon-favourited-by.json'), method: 'statuses.reblogged_by' }));
    expect(edges(reblogs)).toEqual([['repost', HANK, GINA, S1, null]]);
  });

  it('maps search (accounts and statuses) and refuses lists without their subject', () => {
    const statuses = fixture('mastodon-statuses.json');
    const lookup = fixture('mastodon-lookup.json');
    const items = ok(parseNetworkPage({ ...lookup, method: 'search', body: { accounts: [lookup.body], statuses: [statuses.body[2]], hashtags: [] } }));
    expect(full(items).map((a) => a.externalId)).toEqual([GINA, GINA]);
    expect(items.posts.map((p) => p.externalId)).toEqual([S1]);
    const followers = fixture('mastodon-followers.json');
    expect(parseNetworkPage({ ...followers, subject: { acct: 'gina' } })).toEqual({
      ok: false, reason: `accounts.followers page without "subject.acct" (whose followers, as user@host) (${followers.url})`,
    });
    expect(parseNetworkPage({ ...followers, body: { accounts: [] } })).toEqual({ ok: false, reason: `accounts.followers page without a list of accounts (${followers.url})` });
  });

  it('keeps ids above 2^53 exact when they come as bare JSON numbers', () => {
    // 110000000000000077 and ...078 are the same double: JSON.parse would make hank the replied account.
    const raw = JSON.stringify(fixture('mastodon-statuses.json'))
      .replace('"in_reply_to_account_id":"110000000000000077"', '"in_reply_to_account_id":110000000000000077')
      .replace('"mentions":[{"id":"110000000000000077"', '"mentions":[{"id":110000000000000078');
    expect(Number('110000000000000077')).toBe(Number('110000000000000078'));
    const items = ok(networkPagesFormat.create({}).parse(record(raw)));
    expect(edges(items).filter((e) => e[0] === 'reply')).toEqual([]);
    const same = raw.replace('"mentions":[{"id":110000000000000078', '"mentions":[{"id":110000000000000077');
    expect(edges(ok(networkPagesFormat.create({}).parse(record(same)))).filter((e) => e[0] === 'reply')).toHaveLength(1);
  });
});

describe('network-pages format: detection', () => {
  it('is registered and sniffs only page envelopes', () => {
    expect(findFormat('network-pages')).toBe(networkPagesFormat);
    const text = fixtureText('bluesky-likes.json');
    expect(detectFormat(Buffer.from(text), true)).toEqual({ format: 'network-pages', layout: 'document' });
    expect(detectFormat(Buffer.from(JSON.stringify(JSON.parse(text)) + '\n'), true)).toEqual({ format: 'network-pages', layout: 'lines' });
    expect(networkPagesFormat.sniff({ network: 'bluesky', method: 'x', url: 'u' })).toBe(false); // no body
    expect(networkPagesFormat.sniff({ network: 'twitter', method: 'x', url: 'u', body: {} })).toBe(false);
    expect(networkPagesFormat.sniff({ network: 'mastodon', method: 1, url: 'u', body: {} })).toBe(false);
    expect(networkPagesFormat.sniff([{ network: 'mastodon', method: 'search', url: 'u', body: {} }])).toBe(false);
    expect(networkPagesFormat.sniff({ id: '1', uri: 'https://h/users/a/statuses/1', url: 'https://h/@a/1', content: '', account: { acct: 'a', username: 'a' } })).toBe(false);
  });
});
