import { createHash } from 'node:crypto';
import type { QueueService } from '../../libs/core/src/index.js';
import { CrawlsService } from '../../libs/sources/src/crawl/crawls.service.js';
import { nextMidnight, QuotaExhaustedError, QuotaLedger, quotaDay, quotaToday, YOUTUBE_TIME_ZONE, youtubePolicy } from '../../libs/sources/src/quota/quota-ledger.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { testConfig } from '../support/test-app.js';

/*
 * The quota ledger (network_quota_ledger): the day is YouTube's (midnight Pacific, daylight saving time included),
 * a reservation is atomic (many at once never overspend), a spent day says when it resets, the next day starts
 * again, and the key is never stored. A YouTube crawl with no key anywhere is refused before anything is queued.
 */
describe('the YouTube quota ledger', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('counts days in Pacific time and resets at the next midnight there, through both DST changes', () => {
    const at = (iso: string) => new Date(iso);
    // 2026-03-08: clocks go forward at 02:00 PST; 2026-11-01: back at 02:00 PDT.
    expect(quotaDay(at('2026-03-08T07:59:59Z'), YOUTUBE_TIME_ZONE)).toBe('2026-03-07');
    expect(quotaDay(at('2026-03-08T08:00:00Z'), YOUTUBE_TIME_ZONE)).toBe('2026-03-08');
    expect(nextMidnight(at('2026-03-07T20:00:00Z'), YOUTUBE_TIME_ZONE).toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(nextMidnight(at('2026-03-08T12:00:00Z'), YOUTUBE_TIME_ZONE).toISOString()).toBe('2026-03-09T07:00:00.000Z');
    expect(nextMidnight(at('2026-10-31T20:00:00Z'), YOUTUBE_TIME_ZONE).toISOString()).toBe('2026-11-01T07:00:00.000Z');
    expect(nextMidnight(at('2026-11-01T12:00:00Z'), YOUTUBE_TIME_ZONE).toISOString()).toBe('2026-11-02T08:00:00.000Z');
    expect(nextMidnight(at('2026-07-01T06:59:00Z'), YOUTUBE_TIME_ZONE).toISOString()).toBe('2026-07-01T07:00:00.000Z');
  });

  it('never spends more than the quota, however many reserve at once; a spent day says when it resets; the next day starts again', async () => {
    let now = new Date('2026-01-15T18:00:00Z'); // 10:00 PST
    const key = 'AIzaSy-test-key-quota-1234';
    const ledger = new QuotaLedger(db.pool, { network: 'youtube', credential: key, policy: youtubePolicy(50, 100), clock: () => now });
    const outcomes = await Promise.allSettled(Array.from({ length: 120 }, () => ledger.reserve('units', 1)));
    expect(outcomes.filter((o) => o.status === 'fulfilled').length).toBe(50);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => o.reason);
    expect(refused.length).toBe(70);
    expect(refused.every((e) => e instanceof QuotaExhaustedError)).toBe(true);
    expect(refused[0].message).toBe("YouTube's daily quota for this key is spent (50 units); the crawl resumes after midnight Pacific time (08:00 UTC)");
    expect(refused[0].resetsAt.toISOString()).toBe('2026-01-16T08:00:00.000Z');

    // Stored under a hash of the key, never the key.
    const { rows } = await db.pool.query(`SELECT credential, bucket, quota_day::text AS day, used, quota, exhausted_at FROM network_quota_ledger`);
    expect(rows).toEqual([{ credential: createHash('sha256').update(key).digest('hex').slice(0, 16), bucket: 'units', day: '2026-01-15', used: 50, quota: 50, exhausted_at: expect.any(Date) }]);
    expect(JSON.stringify(rows)).not.toContain(key);

    const today = await quotaToday(db.pool, 'youtube', key, { policy: youtubePolicy(50, 100), now });
    expect(today).toEqual([
      { bucket: 'units', used: 50, quota: 50, exhaustedAt: expect.any(Date), resetsAt: new Date('2026-01-16T08:00:00Z') },
      { bucket: 'search', used: 0, quota: 100, exhaustedAt: null, resetsAt: new Date('2026-01-16T08:00:00Z') },
    ]);

    // 23:59 Pacific is still the same day; one minute past midnight is the next.
    now = new Date('2026-01-16T07:59:00Z');
    await expect(ledger.reserve('units', 1)).rejects.toBeInstanceOf(QuotaExhaustedError);
    now = new Date('2026-01-16T08:01:00Z');
    await expect(ledger.reserve('units', 5)).resolves.toEqual({ used: 5, quota: 50, day: '2026-01-16' });
    // A fetch gives back what it reserved and did not use.
    await ledger.refund('units', 3, '2026-01-16');
    expect((await quotaToday(db.pool, 'youtube', key, { policy: youtubePolicy(50, 100), now }))[0]).toMatchObject({ used: 2, exhaustedAt: null });
  });

  it('search.list has its own bucket of 100 calls; the network saying "quotaExceeded" marks the day spent at once', async () => {
    const now = new Date('2026-06-10T16:00:00Z'); // 09:00 PDT
    const key = 'AIzaSy-test-key-quota-5678';
    const ledger = new QuotaLedger(db.pool, { network: 'youtube', credential: key, policy: youtubePolicy(), clock: () => now });
    for (let i = 0; i < 100; i++) await ledger.reserve('search', 1);
    const err = await ledger.reserve('search', 1).catch((e) => e);
    expect(err.message).toBe("YouTube's daily search quota for this key is spent (100 searches); the crawl resumes after midnight Pacific time (07:00 UTC)");
    await expect(ledger.reserve('units', 1)).resolves.toMatchObject({ used: 1, quota: 10_000 });
    const marked = await ledger.markExhausted('units');
    expect(marked.resetsAt.toISOString()).toBe('2026-06-11T07:00:00.000Z');
    await expect(ledger.reserve('units', 1)).rejects.toThrow("YouTube's daily quota for this key is spent (10,000 units); the crawl resumes after midnight Pacific time (07:00 UTC)");
  });

  it('refuses a YouTube crawl up front when no API key is configured anywhere', async () => {
    const service = new CrawlsService(db.url, testConfig({}), { send: async () => null } as unknown as QueueService);
    try {
      const err = await service.start(null, { network: 'youtube', terms: ['car review'], maxAccounts: 10 }).catch((e) => e);
      expect(err).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(err.message).toMatch(/YOUTUBE_API_KEY/);
      expect(err.message).toMatch(/Sources screen/);
      expect((await db.pool.query(`SELECT count(*)::int AS n FROM crawls`)).rows[0].n).toBe(0);
    } finally {
      await service.onModuleDestroy();
    }
  });
});
