import { BillingClock, UsageService } from '../../libs/billing/src/index.js';
import { SubscriptionSyncService } from '../../libs/billing/src/services/subscription-sync.service.js';
import { type BillingHarness, billingOf, createBrand, startBillingHarness, subscribe, type TestMember } from './billing-fixtures.js';

const DAY = 86_400_000;

describe('billing: payment failure, recovery and cancellation', () => {
  let h: BillingHarness;
  let owner: TestMember;
  let clockNow: Date | null;

  beforeEach(async () => {
    h = await startBillingHarness();
    owner = await createBrand(h.app.db.pool, { name: 'Velo Club' });
    clockNow = null;
    const clock = h.app.app.get(BillingClock);
    const real = clock.now.bind(clock);
    clock.now = () => clockNow ?? real(); // the API's clock, moved forward by the test
  });
  afterEach(() => h.close());

  const rename = (name: string) => h.app.graphql(`mutation($name: String!) { updateBrand(input: { name: $name }) { name } }`, { name }, owner.headers);

  it('past_due: a grace period with a banner, then read-only (reads work, changes refused), then paid and active again', async () => {
    const { subscriptionId } = await subscribe(h, owner);
    await h.stripe.failPayment(subscriptionId);
    expect(h.stripe.deliveries.slice(-2).map((d) => [d.type, d.status])).toEqual([
      ['invoice.payment_failed', 200],
      ['customer.subscription.updated', 200],
    ]);

    const grace = await billingOf(h.app, owner);
    expect(grace).toMatchObject({ status: 'PAST_DUE', readOnly: false, plan: { code: 'GROWTH' }, banner: { kind: 'PAST_DUE', level: 'WARNING' } });
    expect(grace.banner.message).toMatch(/payment failed.*billing portal/i);
    const graceEnds = new Date(grace.graceEndsAt);
    expect(graceEnds.getTime() - Date.now()).toBeGreaterThan(6 * DAY);
    expect((await rename('Velo Club (grace)')).errors).toBeUndefined();

    // A week later, still unpaid: read-only.
    clockNow = new Date(graceEnds.getTime() + 1000);
    const readOnly = await billingOf(h.app, owner);
    expect(readOnly).toMatchObject({ status: 'READ_ONLY', readOnly: true, banner: { kind: 'READ_ONLY', level: 'ERROR' } });
    const refused = await rename('Velo Club (read-only)');
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'PAYMENT_REQUIRED' }, message: expect.stringMatching(/read-only.*billing portal/i) });
    const brand = await h.app.graphql(`query { billing { plan { name } } }`, {}, owner.headers);
    expect(brand.errors).toBeUndefined();
    // The way out still works.
    const portal = await h.app.graphql(`mutation { openBillingPortal { url } }`, {}, owner.headers);
    expect(portal.errors).toBeUndefined();
    // Nothing was deleted: the brand keeps its name from before.
    expect((await h.app.db.pool.query(`SELECT name FROM brands WHERE id = $1`, [owner.brandId])).rows[0].name).toBe('Velo Club (grace)');

    await h.stripe.payOpenInvoice(subscriptionId);
    const recovered = await billingOf(h.app, owner);
    expect(recovered).toMatchObject({ status: 'ACTIVE', readOnly: false, banner: null, graceEndsAt: null, plan: { code: 'GROWTH' } });
    expect((await rename('Velo Club')).errors).toBeUndefined();
  });

  it('cancel: the plan runs to the period end with a banner, then the Free allowance applies and data is kept', async () => {
    const { subscriptionId } = await subscribe(h, owner, 'SCALE');
    const usage = h.app.app.get(UsageService);
    await usage.record(owner.brandId as never, 'searches', 120, 'bulk-import-1');

    await h.stripe.cancelAtPeriodEnd(subscriptionId);
    const cancelling = await billingOf(h.app, owner);
    expect(cancelling).toMatchObject({ status: 'ACTIVE', cancelAtPeriodEnd: true, plan: { code: 'SCALE' }, banner: { kind: 'CANCELS_AT_PERIOD_END' } });
    expect(cancelling.banner.message).toMatch(/Scale plan is cancelled and ends on \d{4}-\d{2}-\d{2}; then the Free allowance applies/);

    await h.stripe.endPeriod(subscriptionId);
    expect(h.stripe.deliveries.at(-1)).toMatchObject({ type: 'customer.subscription.deleted', status: 200 });
    const ended = await billingOf(h.app, owner);
    expect(ended).toMatchObject({
      status: 'FREE',
      readOnly: false,
      apiAccess: false,
      plan: { code: 'FREE', limits: { searchesPerMonth: 50, invitationsPerMonth: 20, activeCampaigns: 1, apiAccess: false } },
      banner: { kind: 'CANCELED' },
    });
    // Usage and rows are kept; reads and writes still work within the Free allowance.
    expect(ended.usage).toContainEqual({ metric: 'SEARCHES', used: 120, limit: 50, monthly: true });
    expect((await rename('Velo Club, free')).errors).toBeUndefined();
    await expect(usage.record(owner.brandId as never, 'searches', 1, 'one-more')).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });

    // Buying again after the end works: a new checkout for the same customer.
    const res = await h.app.graphql(`mutation { startCheckout(plan: GROWTH) { sessionId } }`, {}, owner.headers);
    expect(res.errors).toBeUndefined();
    expect(h.stripe.customers.size).toBe(1);
  });

  it('a trial that ends without a purchase falls back to the Free allowance', async () => {
    const trial = await billingOf(h.app, owner);
    expect(trial.status).toBe('TRIALING');
    clockNow = new Date(new Date(trial.trialEndsAt).getTime() - 2 * DAY);
    expect((await billingOf(h.app, owner)).banner).toMatchObject({ kind: 'TRIAL_ENDING', level: 'WARNING' });
    clockNow = new Date(new Date(trial.trialEndsAt).getTime() + 1000);
    expect(await billingOf(h.app, owner)).toMatchObject({ status: 'FREE', plan: { code: 'FREE' }, banner: { kind: 'TRIAL_ENDED' } });
  });

  it('the daily reconciliation catches up with webhooks that never arrived', async () => {
    // The checkout webhooks are lost: the brand paid but Renown does not know yet.
    h.stripe.autoDeliver = false;
    const res = await h.app.graphql(`mutation { startCheckout(plan: GROWTH) { sessionId } }`, {}, owner.headers);
    const sub = await h.stripe.completeCheckout(res.data.startCheckout.sessionId);
    expect((await billingOf(h.app, owner)).status).toBe('TRIALING');
    const sync = h.app.app.get(SubscriptionSyncService);
    expect(await sync.reconcileAll()).toEqual({ checked: 1, applied: 1 });
    expect(await billingOf(h.app, owner)).toMatchObject({ status: 'ACTIVE', plan: { code: 'GROWTH' } });

    // Later the cancellation and the end of the period are lost too.
    await h.stripe.cancelAtPeriodEnd(sub.id);
    await h.stripe.endPeriod(sub.id);
    expect(await sync.reconcileAll()).toEqual({ checked: 1, applied: 1 });
    expect(await billingOf(h.app, owner)).toMatchObject({ status: 'FREE', plan: { code: 'FREE' } });
    expect(await sync.reconcileAll()).toEqual({ checked: 1, applied: 0 });
  });
});
