import { EntitlementsService, MeterReportingServiceForTests, UsageService } from './billing-internals.js';
import { addMember, type BillingHarness, billingOf, createBrand, startBillingHarness, subscribe, type TestMember } from './billing-fixtures.js';

describe('billing: limits and metered usage', () => {
  let h: BillingHarness;
  let owner: TestMember;
  let usage: UsageService;
  let entitlements: EntitlementsService;

  beforeEach(async () => {
    h = await startBillingHarness();
    owner = await createBrand(h.app.db.pool, { name: 'Trail Co' });
    usage = h.app.app.get(UsageService);
    entitlements = h.app.app.get(EntitlementsService);
  });
  afterEach(() => h.close());

  const brand = () => owner.brandId as never;

  it('an action over the plan limit fails with QUOTA_EXCEEDED naming the limit and how to raise it', async () => {
    // Trial: 500 searches a month.
    await usage.record(brand(), 'searches', 499, 'batch-1');
    await entitlements.assertWithinLimit(brand(), 'searches');
    await usage.record(brand(), 'searches', 1, 'search-500');
    const err = await usage.record(brand(), 'searches', 1, 'search-501').catch((e) => e);
    expect(err).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      details: { metric: 'searches', limit: 500, used: 500, requested: 1, plan: 'trial', upgrade: 'growth' },
    });
    expect(err.message).toMatch(/^Limit reached: this brand has used 500 of its 500 searches per month on the Trial plan\. Upgrade to Growth \(5,000 searches per month\) in Billing, or wait until \d{4}-\d{2}-01/);
    await expect(entitlements.assertWithinLimit(brand(), 'searches')).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
    // Nothing was counted by the refused call.
    expect((await billingOf(h.app, owner)).usage).toContainEqual({ metric: 'SEARCHES', used: 500, limit: 500, monthly: true });

    // Limits other modules count themselves: they pass the current number.
    await entitlements.assertWithinLimit(brand(), 'activeCampaigns', 1, { current: 1 });
    await expect(entitlements.assertWithinLimit(brand(), 'activeCampaigns', 1, { current: 2 })).rejects.toMatchObject({
      code: 'QUOTA_EXCEEDED',
      message: expect.stringMatching(/has 2 of its 2 active campaigns on the Trial plan\. Upgrade to Growth \(10 active campaigns\) in Billing, or end or pause a campaign/),
    });
  });

  it('QUOTA_EXCEEDED answers HTTP 402 with the limit for REST callers (the developer API)', async () => {
    await usage.record(brand(), 'apiCalls', 1000, 'batch');
    const err = await usage.record(brand(), 'apiCalls', 1, 'call-1001').catch((e) => e);
    expect(err.httpStatus).toBe(402);
    expect(err.details).toMatchObject({ metric: 'apiCalls', limit: 1000 });
  });

  it('concurrent actions cannot both take the last unit, and the same key never counts twice', async () => {
    await usage.record(brand(), 'invitations', 95, 'bulk');
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => usage.record(brand(), 'invitations', 1, `invite-${i}`)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.code === 'QUOTA_EXCEEDED')).toBe(true);
    const again = await usage.record(brand(), 'invitations', 1, 'bulk');
    expect(again).toEqual({ counted: false, used: 100, overage: 0 });
  });

  it('searches: concurrent searches share the last units one each; a refused search is told the limit and leaves nothing stored', async () => {
    await usage.record(brand(), 'searches', 497, 'batch');
    const SEARCH = `query($q: String!) { influencers(query: $q, first: 5) { searchId interpretation { applied { topics { slug } } } } }`;
    const results = await Promise.all(Array.from({ length: 7 }, () => h.app.graphql(SEARCH, { q: 'top influencers in automotive' }, owner.headers)));
    const served = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(served).toHaveLength(3);
    expect(served[0].data.influencers.interpretation.applied.topics.map((t: { slug: string }) => t.slug)).toContain('cars');
    expect(refused).toHaveLength(4);
    for (const r of refused) {
      expect(r.errors![0].extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', metric: 'searches', limit: 500, used: 500, requested: 1 });
      expect(r.errors![0].message).toMatch(/has used 500 of its 500 searches per month/);
    }
    // Only the served searches were kept (their cursors work) and counted.
    const stored = (await h.app.db.pool.query(`SELECT id FROM discovery_searches WHERE brand_id = $1`, [owner.brandId])).rows.map((r) => r.id);
    expect(stored.sort()).toEqual(served.map((r) => r.data.influencers.searchId).sort());
    expect((await h.app.db.pool.query(`SELECT count(*)::int AS n FROM billing_usage_records WHERE brand_id = $1 AND metric = 'searches'`, [owner.brandId])).rows[0].n).toBe(4);
    expect((await billingOf(h.app, owner)).usage).toContainEqual({ metric: 'SEARCHES', used: 500, limit: 500, monthly: true });
  });

  it("counted inside the caller's transaction: a refused count leaves nothing behind even if the caller commits", async () => {
    const { DataSource } = await import('typeorm');
    const db = h.app.app.get(DataSource);
    await usage.record(brand(), 'invitations', 100, 'fills-the-trial');
    await db.transaction(async (em) => {
      await expect(usage.record(brand(), 'invitations', 1, 'invitation:over', { manager: em })).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
      await em.query(`UPDATE brands SET name = 'still committed' WHERE id = $1`, [owner.brandId]);
    });
    expect((await h.app.db.pool.query(`SELECT name FROM brands WHERE id = $1`, [owner.brandId])).rows[0].name).toBe('still committed');
    expect((await h.app.db.pool.query(`SELECT count(*) FROM billing_usage_records WHERE idempotency_key = 'invitation:over'`)).rows[0].count).toBe('0');
    // So the same invitation can be counted once the limit is raised.
    await subscribe(h, owner, 'GROWTH');
    expect(await usage.record(brand(), 'invitations', 1, 'invitation:over')).toMatchObject({ counted: true, used: 101 });
  });

  it('invitations beyond a paid allowance are billed as one meter event each, never twice even on retry', async () => {
    await subscribe(h, owner, 'GROWTH');
    await usage.record(brand(), 'invitations', 1000, 'campaign-1-batch');
    const first = await usage.record(brand(), 'invitations', 1, 'invitation:0f6d');
    expect(first).toEqual({ counted: true, used: 1001, overage: 1 });
    // The same invitation recorded again (a retried request): not counted, not queued again.
    expect(await usage.record(brand(), 'invitations', 1, 'invitation:0f6d')).toEqual({ counted: false, used: 1001, overage: 0 });
    const reports = (await h.app.db.pool.query(`SELECT id, source_key, quantity, status FROM billing_meter_reports WHERE brand_id = $1`, [owner.brandId])).rows;
    expect(reports).toEqual([{ id: expect.any(String), source_key: 'invitation:0f6d', quantity: 1, status: 'pending' }]);

    // Stripe records the event but every answer is lost (the SDK's own two retries too): the job fails.
    const sender = h.app.app.get(MeterReportingServiceForTests);
    h.stripe.failNext('POST', /^\/v1\/billing\/meter_events$/, { afterProcessing: true, times: 3 });
    await expect(sender.send(reports[0].id)).rejects.toThrow();
    // pg-boss runs the job again: Stripe answers with the event it already holds.
    expect(await sender.send(reports[0].id)).toBe('sent');
    expect(await sender.send(reports[0].id)).toBe('skipped'); // a duplicate job finds it sent

    const calls = h.stripe.requestsTo('POST', /^\/v1\/billing\/meter_events$/);
    expect(calls.map((c) => c.replayed)).toEqual([false, true, true, true]);
    expect(new Set(calls.map((c) => c.idempotencyKey))).toEqual(new Set([`renown-meter-${reports[0].id}`]));
    expect(h.stripe.meterEvents).toEqual([
      expect.objectContaining({ event_name: 'renown_invitation', identifier: `renown-invitations-${reports[0].id}`, payload: { stripe_customer_id: [...h.stripe.customers.keys()][0], value: '1' } }),
    ]);
    expect((await h.app.db.pool.query(`SELECT status FROM billing_meter_reports WHERE id = $1`, [reports[0].id])).rows[0].status).toBe('sent');
  });

  it('the worker sends queued meter reports', async () => {
    await subscribe(h, owner, 'SCALE');
    await usage.record(brand(), 'invitations', 10_000, 'bulk');
    await usage.record(brand(), 'invitations', 3, 'invitation-batch:77');
    await h.app.startWorker();
    for (let i = 0; i < 100 && h.stripe.meterEvents.length === 0; i++) await new Promise((r) => setTimeout(r, 200));
    expect(h.stripe.meterEvents).toEqual([expect.objectContaining({ payload: expect.objectContaining({ value: '3' }) })]);
  });

  it('API access and seats follow the plan', async () => {
    await entitlements.assertFeature(brand(), 'apiAccess');
    await addMember(h.app.db.pool, owner.brandId, 'member');
    await addMember(h.app.db.pool, owner.brandId, 'member');
    const billing = await billingOf(h.app, owner);
    expect(billing.usage).toContainEqual({ metric: 'SEATS', used: 3, limit: 3, monthly: false });
    await expect(entitlements.assertWithinLimit(brand(), 'seats', 1, { current: 3 })).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED', details: { metric: 'seats' } });
  });
});
