import { type BillingHarness, billingOf, createBrand, startBillingHarness, type TestMember } from '../billing/billing-fixtures.js';
import { UsageService } from '../billing/billing-internals.js';

/*
 * Reading a network is paid from the plan's monthly searches: a crawl counts one search per term, a look-up one
 * when it has to fetch; an answer from what Renown holds is free, and a brand whose allowance is spent is told so
 * and nothing is fetched. No worker runs: nothing reaches a network (they point at a closed local port besides).
 */
const START = `mutation($input: StartCrawlInput!) { startCrawl(input: $input) { id status terms } }`;
const LOOKUP = `query($p: String!, $h: String!) { influencerLookup(platform: $p, handle: $h) { status accountId } }`;

describe('sources and the plan: crawls and look-ups count as searches', () => {
  let h: BillingHarness;
  let owner: TestMember;
  let usage: UsageService;

  beforeEach(async () => {
    h = await startBillingHarness({ BLUESKY_APPVIEW_URL: 'http://127.0.0.1:9', MASTODON_INSTANCE_URL: 'http://127.0.0.1:9' });
    owner = await createBrand(h.app.db.pool, { name: 'Acme Motors' });
    usage = h.app.app.get(UsageService);
  });
  afterEach(() => h?.close());

  const searchesUsed = async () => (await billingOf(h.app, owner)).usage.find((u: { metric: string }) => u.metric === 'SEARCHES').used;
  const lookupRows = async () => (await h.app.db.pool.query(`SELECT count(*)::int AS n FROM account_lookups`)).rows[0].n;

  it('a crawl counts one search per term; over the allowance it is refused and nothing is queued', async () => {
    const ok = await h.app.graphql(START, { input: { network: 'bluesky', terms: ['cars', 'electric vehicles', '#EV'], maxAccounts: 100 } }, owner.headers);
    expect(ok.errors).toBeUndefined();
    expect(await searchesUsed()).toBe(3);

    // Trial: 500 a month. With 498 used, a three-word crawl does not fit, a two-word one does.
    await usage.record(owner.brandId as never, 'searches', 495, 'earlier');
    const refused = await h.app.graphql(START, { input: { network: 'bluesky', terms: ['cars', 'EV', 'autos'], maxAccounts: 100 } }, owner.headers);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'QUOTA_EXCEEDED', metric: 'searches', limit: 500, used: 498, requested: 3 } });
    expect(refused.errors?.[0].message).toMatch(/has used 498 of its 500 searches per month on the Trial plan/);
    const { rows } = await h.app.db.pool.query(`SELECT count(*)::int AS n FROM crawls WHERE brand_id = $1`, [owner.brandId]);
    expect(rows[0].n).toBe(1);
    expect(await searchesUsed()).toBe(498);

    // A crawl the API refuses as bad input costs nothing.
    const bad = await h.app.graphql(START, { input: { network: 'bluesky', terms: [], maxAccounts: 100 } }, owner.headers);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await searchesUsed()).toBe(498);
  });

  it('a look-up that fetches counts one search, asking again while it runs does not, and a spent allowance fetches nothing', async () => {
    const first = await h.app.graphql(LOOKUP, { p: 'bluesky', h: 'lena.bsky.social' }, owner.headers);
    expect(first.data.influencerLookup.status).toBe('fetching');
    await h.app.graphql(LOOKUP, { p: 'bluesky', h: 'lena.bsky.social' }, owner.headers); // joins the fetch in flight
    expect(await searchesUsed()).toBe(1);

    await usage.record(owner.brandId as never, 'searches', 499, 'earlier');
    const refused = await h.app.graphql(LOOKUP, { p: 'bluesky', h: 'someone.bsky.social' }, owner.headers);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'QUOTA_EXCEEDED', metric: 'searches' } });
    expect(await lookupRows()).toBe(1); // only lena's fetch; the refused one left no row behind
  });

  it('a look-up answered from what Renown holds is free, even with the allowance spent', async () => {
    const { rows } = await h.app.db.pool.query(
      `INSERT INTO social_accounts (platform, external_id, handle, followers_count, following_count, listed_count, posts_count, account_created_at, last_fetched_at)
       VALUES ('bluesky', 'did:plc:known', 'known.bsky.social', 5000, 100, 0, 100, '2020-01-01', now()) RETURNING id::text`,
    );
    await usage.record(owner.brandId as never, 'searches', 500, 'all-of-it');
    const res = await h.app.graphql(LOOKUP, { p: 'bluesky', h: 'known.bsky.social' }, owner.headers);
    expect(res.errors).toBeUndefined();
    expect(res.data.influencerLookup.accountId).toBe(rows[0].id);
    expect(await searchesUsed()).toBe(500);
  });
});
