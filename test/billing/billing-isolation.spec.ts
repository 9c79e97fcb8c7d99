import { createHash, randomBytes } from 'node:crypto';
import { type BillingHarness, billingOf, createBrand, startBillingHarness, subscribe, type TestMember } from './billing-fixtures.js';
import { UsageService } from './billing-internals.js';

/** Brand isolation for billing (see test/isolation/cases/billing.cases.ts). */
describe('billing: brand B can neither read nor act on brand A\'s billing', () => {
  let h: BillingHarness;
  let a: TestMember;
  let b: TestMember;
  let bKey: Record<string, string>;

  beforeAll(async () => {
    h = await startBillingHarness();
    a = await createBrand(h.app.db.pool, { name: 'Brand A' });
    b = await createBrand(h.app.db.pool, { name: 'Brand B' });
    await subscribe(h, a, 'SCALE');
    await h.app.app.get(UsageService).record(a.brandId as never, 'searches', 321, 'a-searches');
    const secret = `rnk_${randomBytes(32).toString('base64url')}`;
    await h.app.db.pool.query(`INSERT INTO api_keys (brand_id, name, prefix, secret_hash) VALUES ($1, 'b key', $2, $3)`, [b.brandId, secret.slice(0, 12), createHash('sha256').update(secret).digest()]);
    bKey = { authorization: `Bearer ${secret}` };
  });
  afterAll(() => h.close());

  it("B's user and B's API key read B's billing, never A's", async () => {
    expect(await billingOf(h.app, a)).toMatchObject({ status: 'ACTIVE', plan: { code: 'SCALE' } });
    for (const headers of [b.headers, bKey]) {
      const res = await h.app.graphql(`{ billing { status plan { code } usage { metric used } } }`, {}, headers);
      expect(res.errors).toBeUndefined();
      expect(res.data.billing).toMatchObject({ status: 'TRIALING', plan: { code: 'TRIAL' } });
      expect(res.data.billing.usage).toContainEqual({ metric: 'SEARCHES', used: 0 });
    }
  });

  it("B's checkout is for B's own customer; A's subscription is untouched", async () => {
    const aCustomer = (await h.app.db.pool.query(`SELECT stripe_customer_id FROM billing_accounts WHERE brand_id = $1`, [a.brandId])).rows[0].stripe_customer_id;
    const res = await h.app.graphql(`mutation { startCheckout(plan: GROWTH) { sessionId } }`, {}, b.headers);
    expect(res.errors).toBeUndefined();
    const session = h.stripe.checkoutSessions.get(res.data.startCheckout.sessionId)!;
    expect(session.client_reference_id).toBe(b.brandId);
    expect(session.customer).not.toBe(aCustomer);
    expect(h.stripe.customers.get(session.customer)!.metadata).toEqual({ brand_id: b.brandId });
    expect(await billingOf(h.app, a)).toMatchObject({ status: 'ACTIVE', plan: { code: 'SCALE' } });
  });

  it("B's API key cannot start a checkout or open a portal", async () => {
    for (const op of ['mutation { startCheckout(plan: GROWTH) { url } }', 'mutation { openBillingPortal { url } }']) {
      const res = await h.app.graphql(op, {}, bKey);
      expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
  });

  it("a webhook naming A's customer with B's id in the metadata changes only A", async () => {
    // Signed events come from Stripe only, but the brand is always taken from the stored customer first.
    const aRow = (await h.app.db.pool.query(`SELECT * FROM billing_accounts WHERE brand_id = $1`, [a.brandId])).rows[0];
    const sub = h.stripe.subscriptions.get(aRow.stripe_subscription_id)!;
    sub.metadata = { brand_id: b.brandId };
    await h.stripe.cancelAtPeriodEnd(sub.id);
    expect((await billingOf(h.app, a)).cancelAtPeriodEnd).toBe(true);
    expect(await billingOf(h.app, b)).toMatchObject({ status: 'TRIALING', cancelAtPeriodEnd: false });
  });
});
