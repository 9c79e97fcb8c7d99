import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { countRows } from './support/graph-snapshot.js';
import { fixture, importerFor } from './support/fixtures.js';

/**
 * Each real sample imports into exactly the graph its payloads describe. Expected numbers were checked against
 * an independent count of the payloads (distinct users/authors/mentioned ids, tweets/referenced ids, events).
 */
const CASES: Array<[file: string, format: string, expected: Record<string, unknown>]> = [
  ['twitter-v2/brexit.jsonl', 'twitter-v2', { accounts: 185, stub_accounts: 8, posts: 172, stub_posts: 17, account_history: 177, post_history: 155, quarantined: 0, interactions: { mention: 59, quote: 13, reply: 17, repost: 67 } }],
  ['twitter-v2/two_tweets.jsonl', 'twitter-v2', { accounts: 2, stub_accounts: 0, posts: 2, stub_posts: 0, account_history: 2, post_history: 2, quarantined: 0, interactions: { repost: 1 } }],
  ['twitter-v2/flat_first10.jsonl', 'twitter-v2', { accounts: 20, stub_accounts: 2, posts: 22, stub_posts: 4, account_history: 18, post_history: 18, quarantined: 0, interactions: { mention: 10, reply: 9, repost: 3 } }],
  ['twitter-v2/streaming_output_with_error.jsonl', 'twitter-v2', { accounts: 11, stub_accounts: 0, posts: 11, stub_posts: 0, account_history: 11, post_history: 11, quarantined: 1, interactions: { mention: 3, quote: 1, reply: 3 } }],
  ['twitter-v2/users.jsonl', 'twitter-v2', { accounts: 116, stub_accounts: 25, posts: 59, stub_posts: 7, account_history: 91, post_history: 52, quarantined: 0, interactions: { mention: 25 } }],
  ['twitter-v2/mentions_tweet.jsonl', 'twitter-v2', { accounts: 10, stub_accounts: 8, posts: 2, stub_posts: 0, account_history: 2, post_history: 2, quarantined: 0, interactions: { mention: 8, repost: 1 } }],
  ['twitter-v1/testgetstatus__0.json', 'twitter-v1', { accounts: 2, stub_accounts: 1, posts: 1, stub_posts: 0, account_history: 1, post_history: 1, quarantined: 0, interactions: { mention: 1 } }],
  ['twitter-v1/testlisttimeline__0.json', 'twitter-v1', { accounts: 17, stub_accounts: 7, posts: 21, stub_posts: 1, account_history: 20, post_history: 20, quarantined: 0, interactions: { mention: 7, reply: 1 } }],
  ['twitter-v1/testsearchtweets__0.json', 'twitter-v1', { accounts: 23, stub_accounts: 9, posts: 22, stub_posts: 1, account_history: 21, post_history: 21, quarantined: 0, interactions: { mention: 9, reply: 1, repost: 6 } }],
  ['twitter-v1/testgetfollowers__0.json', 'twitter-v1', { accounts: 4, stub_accounts: 2, posts: 3, stub_posts: 1, account_history: 2, post_history: 2, quarantined: 0, interactions: { mention: 1, reply: 1 } }],
  ['twitter-v1/testgetuser__0.json', 'twitter-v1', { accounts: 2, stub_accounts: 1, posts: 2, stub_posts: 1, account_history: 1, post_history: 1, quarantined: 0, interactions: { mention: 1, reply: 1 } }],
  ['bluesky/expected_v1.jsonl', 'bluesky-jetstream', { accounts: 272, stub_accounts: 131, posts: 143, stub_posts: 126, account_history: 0, post_history: 0, quarantined: 1, interactions: { follow: 6, like: 105, reply: 8, repost: 15 } }],
  ['bluesky/golden_v1.jsonl', 'bluesky-jetstream', { accounts: 10, stub_accounts: 5, posts: 4, stub_posts: 3, account_history: 0, post_history: 0, quarantined: 2, interactions: { follow: 1, like: 1, reply: 1, repost: 1 } }],
  ['mastodon/timeline.json', 'mastodon', { accounts: 4, stub_accounts: 0, posts: 3, stub_posts: 0, account_history: 4, post_history: 3, quarantined: 1, interactions: { mention: 2, reply: 1, repost: 1 } }],
  ['mastodon/streaming.jsonl', 'mastodon', { accounts: 1, stub_accounts: 0, posts: 1, stub_posts: 0, account_history: 1, post_history: 1, quarantined: 1, interactions: {} }],
  ['edge-list/activity.txt', 'edge-list', { accounts: 6, stub_accounts: 1, posts: 0, stub_posts: 0, account_history: 0, post_history: 0, quarantined: 0, interactions: { mention: 1, quote: 1, reply: 1, repost: 3 } }],
  ['edge-list/friends.tsv', 'edge-list', { accounts: 3, stub_accounts: 1, posts: 0, stub_posts: 0, account_history: 0, post_history: 0, quarantined: 0, interactions: { follow: 3 } }],
];

describe('importing every sample format', () => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it.each(CASES)('%s is detected as %s and imports with exact counts', async (file, format, expected) => {
    db = await createTestDatabase();
    const result = await importerFor(db).ingestFile(fixture(file));
    expect(result.format).toBe(format);
    expect(result.status).toBe('succeeded');
    expect(await countRows(db.pool)).toEqual(expected);
    expect(result.counts.quarantined).toBe(expected.quarantined);
    const { rows } = await db.pool.query(`SELECT status, read_count, quarantined_count, inserted_count FROM import_runs`);
    expect(rows).toEqual([{ status: 'succeeded', read_count: String(result.counts.read), quarantined_count: String(expected.quarantined), inserted_count: String(result.counts.inserted) }]);
  });

  it('quarantines what it cannot use in the samples, with the reason', async () => {
    db = await createTestDatabase();
    const importer = importerFor(db);
    await importer.ingestFile(fixture('bluesky/golden_v1.jsonl'));
    await importer.ingestFile(fixture('twitter-v2/streaming_output_with_error.jsonl'));
    const { rows } = await db.pool.query(`SELECT file, line_or_offset, reason FROM import_quarantine ORDER BY file, line_or_offset`);
    expect(rows.map((r) => [r.file.split('/').slice(-2).join('/'), r.line_or_offset, r.reason])).toEqual([
      ['bluesky/golden_v1.jsonl', '6', 'unknown event type: collection "org.hypercerts.claim.activity"'],
      ['bluesky/golden_v1.jsonl', '7', 'unknown event type: collection "place.stream.broadcast.origin"'],
      ['twitter-v2/streaming_output_with_error.jsonl', '8', expect.stringMatching(/^truncated last line \(no newline at end of file\): malformed JSON/)],
    ]);
  });

  it('keeps the fields scoring and discovery use', async () => {
    db = await createTestDatabase();
    const importer = importerFor(db);
    await importer.ingestFile(fixture('twitter-v2/brexit.jsonl'));
    await importer.ingestFile(fixture('mastodon/timeline.json'));
    const { rows: [tweet] } = await db.pool.query(
      `SELECT p.text, p.language, p.hashtags, p.annotations, p.like_count, p.metrics_observed_at, a.handle, a.followers_count
       FROM posts p JOIN social_accounts a ON a.id = p.author_account_id WHERE p.platform = 'twitter' AND p.external_id = '1440716895355764743'`,
    );
    expect(tweet.annotations).toEqual(expect.arrayContaining([{ domain: { id: '10', name: 'Person' }, entity: { id: '847090575954272256', name: 'Jeremy Corbyn' } }]));
    expect(tweet.metrics_observed_at.toISOString()).toBe('2021-09-22T16:38:09.000Z');
    expect(tweet.followers_count).toBe('34920');
    const { rows: [toot] } = await db.pool.query(
      `SELECT p.text, p.hashtags, p.urls, a.handle, a.links, a.bio, m.external_id AS mentioned
       FROM posts p JOIN social_accounts a ON a.id = p.author_account_id JOIN social_accounts m ON m.id = p.mentioned_account_ids[1]
       WHERE p.platform = 'mastodon' AND p.external_id = 'https://example.social/users/alice/statuses/111000000000000001'`,
    );
    expect(toot).toEqual({
      text: 'New #EV test drive with @bob cars.example/review & more',
      hashtags: ['ev', 'cars'],
      urls: ['https://cars.example/review'],
      handle: 'alice@example.social',
      links: ['https://example.social/@alice', 'https://twitter.com/alice_drives', 'https://bsky.app/profile/alice.example.com'],
      bio: 'EV reviews. Also on bsky',
      mentioned: 'bob@other.example',
    });
  });
});
