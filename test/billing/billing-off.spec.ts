import { EntitlementsService, UsageService } from './billing-internals.js';
import { BILLING_QUERY, createBrand } from './billing-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('billing off (no Stripe keys, the embedded default)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('every brand has every feature, and GraphQL says billing is off', async () => {
    const owner = await createBrand(app.db.pool);
    const res = await app.graphql(BILLING_QUERY, {}, owner.headers);
    expect(res.errors).toBeUndefined();
    expect(res.data.billing).toMatchObject({ enabled: false, status: 'OFF', plan: null, readOnly: false, apiAccess: true, banner: { kind: 'BILLING_OFF', level: 'INFO' } });
    expect(res.data.billing.usage.every((u: { limit: number | null }) => u.limit === null)).toBe(true);

    const usage = app.app.get(UsageService);
    const entitlements = app.app.get(EntitlementsService);
    expect(await usage.record(owner.brandId as never, 'searches', 1_000_000, 'huge')).toMatchObject({ counted: true, overage: 0 });
    await entitlements.assertWithinLimit(owner.brandId as never, 'searches', 1);
    await entitlements.assertWithinLimit(owner.brandId as never, 'activeCampaigns', 1, { current: 10_000 });
    await entitlements.assertFeature(owner.brandId as never, 'apiAccess');
    expect((await app.db.pool.query(`SELECT count(*) FROM billing_accounts`)).rows[0].count).toBe('0');

    const checkout = await app.graphql(`mutation { startCheckout(plan: GROWTH) { url } }`, {}, owner.headers);
    expect(checkout.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/Billing is off/) });
  });

  it('/health says so, and there is no Stripe webhook endpoint', async () => {
    const health = await (await fetch(`${app.url}/health`)).json();
    expect(health.billing).toMatch(/^off/);
    const res = await fetch(`${app.url}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=x' }, body: '{}' });
    expect(res.status).toBe(404);
  });
});
