import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { loadConfig } from '../../libs/core/src/index.js';
import { createApiKey } from '../accounts/accounts-test-helpers.js';
import { createBrand, type TestMember } from '../billing/billing-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { insertAccount } from './developer-api-factories.js';

const LIMIT = 3;
const WINDOW_SECONDS = 6; // wide enough that a burst of requests on a loaded CI machine sits in one window

/**
 * The per-key rate limit through two API processes on one database (two Nest applications, as two
 * containers would run): the count lives in PostgreSQL, so the limit holds across them.
 */
describe('developer API rate limit', () => {
  let t: TestApp;
  let second: NestExpressApplication;
  let secondUrl: string;
  let brand: TestMember;
  let accountId: string;

  beforeAll(async () => {
    t = await createTestApp({ DEVELOPER_API_RATE_LIMIT: String(LIMIT), DEVELOPER_API_RATE_WINDOW_SECONDS: String(WINDOW_SECONDS) });
    second = await createApiApp(t.config, t.db.url);
    await second.listen(0, '127.0.0.1');
    secondUrl = (await second.getUrl()).replace('[::1]', '127.0.0.1').replace('localhost', '127.0.0.1');
    brand = await createBrand(t.db.pool, { name: 'Rate Brand' });
    accountId = await insertAccount(t.db.pool, { externalId: '5001', handle: 'ratelimited' });
  });

  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  const call = async (base: string, secret: string) => {
    const res = await fetch(`${base}/v1/identity/twitter/ratelimited`, { headers: { authorization: `Bearer ${secret}` } });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };
  /** Windows are aligned to the clock: start just after a boundary so the burst below sits in one window. */
  const startOfNextWindow = () => new Promise((resolve) => setTimeout(resolve, WINDOW_SECONDS * 1000 - (Date.now() % (WINDOW_SECONDS * 1000)) + 50));
  const apiCallsUsed = async () => {
    const { rows } = await t.db.pool.query(`SELECT coalesce(sum(used), 0)::int AS used FROM billing_usage_counters WHERE brand_id = $1 AND metric = 'apiCalls'`, [brand.brandId]);
    return rows[0].used as number;
  };

  it('answers 429 with Retry-After once a key passes its limit, across API processes, then lets it through again', async () => {
    const key = await createApiKey(t, brand.headers, 'busy loop');
    const otherKey = await createApiKey(t, brand.headers, 'other integration');
    await startOfNextWindow();

    const bases = [t.url, secondUrl, t.url];
    const remaining: string[] = [];
    for (const base of bases) {
      const ok = await call(base, key.secret);
      expect(ok.status).toBe(200);
      expect(ok.body.id).toBe(accountId);
      expect(ok.headers.get('x-ratelimit-limit')).toBe(String(LIMIT));
      remaining.push(ok.headers.get('x-ratelimit-remaining')!);
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const refused = await call(secondUrl, key.secret);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= WINDOW_SECONDS).toBe(true);
    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, limit: LIMIT, windowSeconds: WINDOW_SECONDS });
    expect(refused.body.error.message).toMatch(new RegExp(`may make ${LIMIT} requests per ${WINDOW_SECONDS} seconds\\. Wait ${retryAfter} seconds`));

    // The limit is per key: the brand's other key is not held back.
    expect((await call(t.url, otherKey.secret)).status).toBe(200);
    // Refused requests are not billed.
    expect(await apiCallsUsed()).toBe(4);

    // A client that honours Retry-After gets through.
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100));
    const recovered = await call(secondUrl, key.secret);
    expect(recovered.status).toBe(200);
    expect(recovered.headers.get('x-ratelimit-remaining')).toBe(String(LIMIT - 1));
  });

  it('lets exactly the limit through when requests arrive at once on both processes', async () => {
    const key = await createApiKey(t, brand.headers, 'parallel');
    await startOfNextWindow();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => call(i % 2 ? secondUrl : t.url, key.secret)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(LIMIT);
    expect(results.filter((r) => r.status === 429)).toHaveLength(10 - LIMIT);
  });

  it('refuses a limit that is not a positive whole number at boot, naming the variable', () => {
    expect(() => loadConfig({ DEVELOPER_API_RATE_LIMIT: '0' })).toThrow(/DEVELOPER_API_RATE_LIMIT/);
    expect(() => loadConfig({ DEVELOPER_API_RATE_WINDOW_SECONDS: 'soon' })).toThrow(/DEVELOPER_API_RATE_WINDOW_SECONDS/);
  });
});
