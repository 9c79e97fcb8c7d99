import { readFileSync } from 'node:fs';
import { GraphImporter, type RawRecord } from '@renown/ingestion';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { graphSnapshot } from './support/graph-snapshot.js';

/** Crawled API answers (NetworkPage envelopes) through the real importer, as the crawler feeds them. */
const page = (name: string) => readFileSync(new URL(`../fixtures/network-pages/${name}`, import.meta.url), 'utf8');

async function* records(raws: string[]): AsyncGenerator<RawRecord> {
  let line = 0;
  for (const raw of raws) yield { raw, position: { line: ++line, byteOffset: 0 } };
}

const ALICE = 'did:plc:alicealicealicealiceali';
const BOB = 'did:plc:bobbobbobbobbobbobbobbob';
const DAVE = 'did:plc:davedavedavedavedavedave';
const CAROL = 'did:plc:carolcarolcarolcarolcaro';
const A = (rkey: string) => `at://${ALICE}/app.bsky.feed.post/${rkey}`;
const B = (rkey: string) => `at://${BOB}/app.bsky.feed.post/${rkey}`;

const BLUESKY_SET = ['bluesky-get-profile.json', 'bluesky-author-feed.json', 'bluesky-likes.json', 'bluesky-followers.json'];
const MASTODON_SET = ['mastodon-lookup.json', 'mastodon-statuses.json', 'mastodon-followers.json', 'mastodon-favourited-by.json'];

async function accounts(db: TestDatabase, platform: string) {
  const { rows } = await db.pool.query(
    `SELECT external_id, is_stub, handle, display_name, followers_count, following_count, posts_count, metrics_observed_at
     FROM social_accounts WHERE platform = $1 ORDER BY external_id`, [platform]);
  return rows;
}

async function edges(db: TestDatabase, platform: string) {
  const { rows } = await db.pool.query(
    `SELECT i.type, a.external_id AS actor, b.external_id AS target, p.external_id AS post, i.occurred_at
     FROM interactions i JOIN social_accounts a ON a.id = i.actor_account_id JOIN social_accounts b ON b.id = i.target_account_id
     LEFT JOIN posts p ON p.id = i.post_id WHERE i.platform = $1 ORDER BY 1, 2, 3, 4 NULLS FIRST`, [platform]);
  return rows.map((r) => [r.type, r.actor, r.target, r.post, r.occurred_at?.toISOString() ?? null]);
}

describe('importing crawled network pages', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(() => db.drop());

  const ingest = (raws: string[]) => new GraphImporter(db.pool).ingest(records(raws), { format: 'network-pages', source: 'crawl', file: 'crawl:test' });

  it('imports a Bluesky page set into accounts, posts and edges; a re-import changes nothing; a broken page is quarantined', async () => {
    const broken = page('broken-author-feed.json');
    const raws = [...BLUESKY_SET.map(page), broken, '{"network":"bluesky","method":'];
    const first = await ingest(raws);
    expect(first.status).toBe('succeeded');
    expect(first.counts).toMatchObject({ read: 6, quarantined: 2 });
    // carol (opted out): her account, her reposted post, alice's repost of it, her like and her follow.
    expect(first.counts.skipped).toBe(3 + 2 + 2);

    expect(await accounts(db, 'bluesky')).toEqual([
      { external_id: ALICE, is_stub: false, handle: 'alice.example.com', display_name: 'Alice Drives', followers_count: '1520', following_count: '310', posts_count: '842', metrics_observed_at: new Date('2024-11-02T09:00:03.000Z') },
      { external_id: BOB, is_stub: false, handle: 'bob.example.com', display_name: 'Bob', followers_count: null, following_count: null, posts_count: null, metrics_observed_at: new Date('2024-11-02T09:00:03.000Z') },
      { external_id: DAVE, is_stub: false, handle: 'dave.example.com', display_name: 'Dave', followers_count: null, following_count: null, posts_count: null, metrics_observed_at: new Date('2024-11-02T09:00:03.000Z') },
    ]);
    const { rows: posts } = await db.pool.query(
      `SELECT p.external_id, p.is_stub, a.external_id AS author, p.hashtags, p.urls, p.like_count, r.external_id AS reply_to, q.external_id AS quote_of
       FROM posts p LEFT JOIN social_accounts a ON a.id = p.author_account_id LEFT JOIN posts r ON r.id = p.reply_to_post_id
       LEFT JOIN posts q ON q.id = p.quote_of_post_id ORDER BY p.external_id`);
    expect(posts).toEqual([
      { external_id: A('3kq2aaaaaaa2a'), is_stub: false, author: ALICE, hashtags: ['ev'], urls: ['https://cars.example/review', 'https://charger.example/model-x'], like_count: '12', reply_to: null, quote_of: null },
      { external_id: A('3kq2aaaaaaa2b'), is_stub: false, author: ALICE, hashtags: [], urls: [], like_count: '2', reply_to: B('3kq2bbbbbbb2a'), quote_of: null },
      { external_id: A('3kq2aaaaaaa2c'), is_stub: false, author: ALICE, hashtags: [], urls: [], like_count: '5', reply_to: null, quote_of: B('3kq2bbbbbbb2a') },
      { external_id: B('3kq2bbbbbbb2a'), is_stub: true, author: BOB, hashtags: null, urls: null, like_count: null, reply_to: null, quote_of: null },
      { external_id: B('3kq2bbbbbbb2b'), is_stub: false, author: BOB, hashtags: [], urls: [], like_count: '7', reply_to: null, quote_of: null },
    ]);
    expect(await edges(db, 'bluesky')).toEqual([
      ['follow', BOB, ALICE, null, null],
      ['follow', DAVE, ALICE, null, null],
      ['like', BOB, ALICE, A('3kq2aaaaaaa2a'), '2024-10-01T09:05:00.000Z'],
      ['like', DAVE, ALICE, A('3kq2aaaaaaa2a'), '2024-10-01T12:00:00.000Z'],
      ['mention', ALICE, BOB, A('3kq2aaaaaaa2a'), '2024-10-01T09:00:00.000Z'],
      ['quote', ALICE, BOB, A('3kq2aaaaaaa2c'), '2024-10-01T11:00:00.000Z'],
      ['reply', ALICE, BOB, A('3kq2aaaaaaa2b'), '2024-10-01T10:00:00.000Z'],
      ['repost', ALICE, BOB, B('3kq2bbbbbbb2b'), null],
    ]);
    const { rows: anyCarol } = await db.pool.query(`SELECT count(*)::int AS n FROM social_accounts WHERE external_id = $1`, [CAROL]);
    expect(anyCarol[0].n).toBe(0);
    const { rows: history } = await db.pool.query(
      `SELECT a.external_id, h.observed_at, h.followers_count FROM account_metrics_history h JOIN social_accounts a ON a.id = h.account_id`);
    expect(history).toEqual([{ external_id: ALICE, observed_at: new Date('2024-11-02T09:00:00.000Z'), followers_count: '1520' }]);

    const { rows: quarantine } = await db.pool.query(`SELECT file, line_or_offset, reason FROM import_quarantine ORDER BY line_or_offset`);
    expect(quarantine).toEqual([
      { file: 'crawl:test', line_or_offset: '5', reason: `app.bsky.feed.getAuthorFeed page without a "feed" list (${JSON.parse(broken).url})` },
      { file: 'crawl:test', line_or_offset: '6', reason: expect.stringMatching(/^malformed JSON/) },
    ]);

    // The same pages crawled again: every row is unchanged (no time of an edge comes from the fetch).
    const before = await graphSnapshot(db.pool);
    const again = await ingest(raws);
    expect(again.counts).toMatchObject({ inserted: 0, updated: 0, quarantined: 2 });
    expect(again.counts.byEntity.accountHistory).toMatchObject({ inserted: 0, updated: 0 });
    expect(again.counts.byEntity.postHistory).toMatchObject({ inserted: 0, updated: 0 });
    const after = await graphSnapshot(db.pool);
    expect({ ...after, quarantine: null }).toEqual({ ...before, quarantine: null });
  });

  it("one repost read twice (in the reposter's feed, then in the post's getRepostedBy) is one edge", async () => {
    await ingest(BLUESKY_SET.map(page));
    const repostedBy = JSON.stringify({
      network: 'bluesky',
      method: 'app.bsky.feed.getRepostedBy',
      url: `https://public.api.bsky.app/xrpc/app.bsky.feed.getRepostedBy?uri=${encodeURIComponent(B('3kq2bbbbbbb2b'))}`,
      fetchedAt: '2024-11-03T09:00:00.000Z',
      body: { uri: B('3kq2bbbbbbb2b'), repostedBy: [{ did: ALICE, handle: 'alice.example.com' }] },
    });
    const again = await ingest([repostedBy]);
    expect(again.counts.byEntity.interactions).toMatchObject({ inserted: 0 });
    const reposts = (await edges(db, 'bluesky')).filter((e) => e[0] === 'repost');
    expect(reposts).toEqual([['repost', ALICE, BOB, B('3kq2bbbbbbb2b'), null]]);
  });

  it('a later list view (ProfileView, no counts) updates the profile but does not erase stored counts', async () => {
    await ingest(BLUESKY_SET.map(page));
    const later = await ingest([page('bluesky-search-actors.json')]);
    expect(later.counts.byEntity.accounts).toMatchObject({ inserted: 0, updated: 2 });
    const [alice] = await accounts(db, 'bluesky');
    expect(alice).toMatchObject({ display_name: 'Alice (EV reviews)', followers_count: '1520', following_count: '310', posts_count: '842' });
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM account_metrics_history`);
    expect(rows[0].n).toBe(1);
    // And the other way round: a list view first, then the profile, gives the counts.
    const other = await createTestDatabase();
    try {
      await new GraphImporter(other.pool).ingest(records([page('bluesky-followers.json'), page('bluesky-get-profile.json')]), { format: 'network-pages', source: 'crawl' });
      const { rows: a } = await other.pool.query(`SELECT followers_count FROM social_accounts WHERE external_id = $1`, [ALICE]);
      expect(a).toEqual([{ followers_count: '1520' }]);
    } finally {
      await other.drop();
    }
  });

  it('imports a Mastodon page set with ids above 2^53 kept exact, leaving opted-out accounts out', async () => {
    // One page as a crawler that wrote ids as bare JSON numbers would have stored it.
    const statuses = JSON.stringify(JSON.parse(page('mastodon-statuses.json')))
      .replace('"in_reply_to_account_id":"110000000000000077"', '"in_reply_to_account_id":110000000000000077')
      .replace('"mentions":[{"id":"110000000000000077"', '"mentions":[{"id":110000000000000077');
    const raws = MASTODON_SET.map(page);
    raws[1] = statuses;
    const result = await ingest(raws);
    expect(result.counts).toMatchObject({ read: 4, quarantined: 0 });
    expect((await accounts(db, 'mastodon')).map((a) => [a.external_id, a.is_stub, a.followers_count])).toEqual([
      ['gina@mastodon.example', false, '2400'],
      ['hank@other.example', false, '95'],
    ]);
    const { rows: posts } = await db.pool.query(`SELECT external_id, is_stub, like_count FROM posts WHERE platform = 'mastodon' ORDER BY external_id`);
    expect(posts).toEqual([
      { external_id: 'https://mastodon.example/users/gina/statuses/110000000000000101', is_stub: false, like_count: '14' },
      { external_id: 'https://mastodon.example/users/gina/statuses/110000000000000103', is_stub: false, like_count: '0' },
    ]);
    expect(await edges(db, 'mastodon')).toEqual([
      ['follow', 'hank@other.example', 'gina@mastodon.example', null, null],
      ['like', 'hank@other.example', 'gina@mastodon.example', 'https://mastodon.example/users/gina/statuses/110000000000000101', null],
      ['mention', 'gina@mastodon.example', 'hank@other.example', 'https://mastodon.example/users/gina/statuses/110000000000000101', '2024-10-20T08:00:00.000Z'],
      ['mention', 'gina@mastodon.example', 'hank@other.example', 'https://mastodon.example/users/gina/statuses/110000000000000103', '2024-10-22T08:00:00.000Z'],
      ['reply', 'gina@mastodon.example', 'hank@other.example', 'https://mastodon.example/users/gina/statuses/110000000000000103', '2024-10-22T08:00:00.000Z'],
    ]);
    const { rows: optedOut } = await db.pool.query(
      `SELECT count(*)::int AS n FROM social_accounts WHERE external_id IN ('ivy@quiet.example', 'jo@mastodon.example')
       UNION ALL SELECT count(*)::int FROM posts WHERE external_id LIKE '%/ivy/%' OR external_id LIKE '%110000000000000102'`);
    expect(optedOut).toEqual([{ n: 0 }, { n: 0 }]);
    expect(result.counts.skipped).toBe(3 + 2); // ivy, her status, gina's reblog; jo and her follow

    const again = await ingest(raws);
    expect(again.counts).toMatchObject({ inserted: 0, updated: 0 });
  });
});
