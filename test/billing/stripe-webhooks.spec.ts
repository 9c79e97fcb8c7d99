import { type BillingHarness, billingOf, createBrand, startBillingHarness, startCheckout, subscribe, type TestMember } from './billing-fixtures.js';

describe('billing: checkout and Stripe webhooks (real stripe SDK against the fake Stripe)', () => {
  let h: BillingHarness;
  let owner: TestMember;

  beforeEach(async () => {
    h = await startBillingHarness();
    owner = await createBrand(h.app.db.pool, { name: 'Acme Motors' });
  });
  afterEach(() => h.close());

  const accountRow = async () => (await h.app.db.pool.query(`SELECT * FROM billing_accounts WHERE brand_id = $1`, [owner.brandId])).rows[0];
  const eventCount = async () => Number((await h.app.db.pool.query(`SELECT count(*) FROM billing_stripe_events`)).rows[0].count);

  it('a new brand is on the Trial plan, then checkout and its webhooks put it on Growth with Growth limits', async () => {
    const before = await billingOf(h.app, owner);
    expect(before).toMatchObject({ enabled: true, status: 'TRIALING', plan: { code: 'TRIAL' }, readOnly: false, banner: { kind: 'TRIAL' } });
    expect(new Date(before.trialEndsAt).getTime()).toBeGreaterThan(Date.now() + 13 * 86400_000);

    const res = await startCheckout(h.app, owner, 'GROWTH');
    expect(res.errors).toBeUndefined();
    expect(res.data.startCheckout.url).toBe(`${h.stripe.url}/checkout/${res.data.startCheckout.sessionId}`);
    // What Renown sent Stripe: one customer for the brand, a subscription checkout with the plan's price and
    // the metered invitations price, returning to the console.
    const [customer] = [...h.stripe.customers.values()];
    expect(customer).toMatchObject({ name: 'Acme Motors', metadata: { brand_id: owner.brandId } });
    const session = h.stripe.checkoutSessions.get(res.data.startCheckout.sessionId)!;
    expect(session).toMatchObject({ mode: 'subscription', customer: customer.id, client_reference_id: owner.brandId, success_url: expect.stringMatching(/^http:\/\/localhost:3000\/billing\?checkout=success/) });
    expect(session._line_items).toEqual([{ price: 'price_growth_monthly', quantity: 1 }, { price: 'price_invitation_overage', quantity: undefined }]);

    await h.stripe.completeCheckout(session.id);
    expect(h.stripe.deliveries.map((d) => [d.type, d.status])).toEqual([
      ['customer.subscription.created', 200],
      ['invoice.paid', 200],
      ['checkout.session.completed', 200],
    ]);
    const after = await billingOf(h.app, owner);
    expect(after).toMatchObject({
      status: 'ACTIVE',
      readOnly: false,
      banner: null,
      apiAccess: true,
      plan: { code: 'GROWTH', limits: { searchesPerMonth: 5000, apiCallsPerMonth: 50000, activeCampaigns: 10, invitationsPerMonth: 1000, seats: 10, invitationOverageBilled: true } },
    });
    expect(new Date(after.currentPeriodEnd).getTime()).toBeGreaterThan(Date.now() + 29 * 86400_000);
    expect(after.usage).toContainEqual({ metric: 'SEARCHES', used: 0, limit: 5000, monthly: true });
    expect(after.usage).toContainEqual({ metric: 'SEATS', used: 1, limit: 10, monthly: false });

    // Paying again is refused: plan changes go through the portal.
    const again = await startCheckout(h.app, owner, 'SCALE');
    expect(again.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringMatching(/billing portal/) });
    const portal = await h.app.graphql(`mutation { openBillingPortal { url } }`, {}, owner.headers);
    expect(portal.data.openBillingPortal.url).toMatch(new RegExp(`^${h.stripe.url}/portal/bps_`));
  });

  it('only the owner can start a checkout or open the portal', async () => {
    const { addMember } = await import('./billing-fixtures.js');
    const admin = await addMember(h.app.db.pool, owner.brandId, 'admin');
    const res = await startCheckout(h.app, admin, 'GROWTH');
    expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const portal = await h.app.graphql(`mutation { openBillingPortal { url } }`, {}, admin.headers);
    expect(portal.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(h.stripe.requests).toHaveLength(0);
  });

  it('refuses a bad signature with 400 and changes nothing', async () => {
    h.stripe.autoDeliver = false;
    const res = await startCheckout(h.app, owner, 'GROWTH');
    await h.stripe.completeCheckout(res.data.startCheckout.sessionId);
    const created = h.stripe.eventsOfType('customer.subscription.created')[0];

    const wrongSecret = await h.stripe.deliver(created.id, { secret: 'whsec_not_the_right_one' });
    expect(wrongSecret.status).toBe(400);
    expect(JSON.parse(wrongSecret.body).error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/signature/) });
    const noHeader = await h.stripe.deliver(created.id, { signature: '' });
    expect(noHeader.status).toBe(400);
    // Signed for one body, sent with another: the raw bytes are what is verified.
    const signedBody = JSON.stringify(created, null, 2);
    const { default: Stripe } = await import('stripe');
    const header = Stripe.webhooks.generateTestHeaderString({ payload: signedBody, secret: h.stripe.webhookSecret });
    const tampered = await h.stripe.deliver(created.id, { signature: header, body: JSON.stringify(created) });
    expect(tampered.status).toBe(400);

    expect(await eventCount()).toBe(0);
    expect(await accountRow()).toMatchObject({ plan: 'trial', status: 'trialing', stripe_subscription_id: null });
    expect((await billingOf(h.app, owner)).status).toBe('TRIALING');

    // The same event, properly signed, is applied.
    expect((await h.stripe.deliver(created.id)).status).toBe(200);
    expect((await billingOf(h.app, owner)).plan.code).toBe('GROWTH');
  });

  it('a replayed event is a no-op', async () => {
    const { subscriptionId } = await subscribe(h, owner);
    const rowsBefore = await eventCount();
    const stateBefore = await accountRow();
    // Stripe's state moves on (cancelled at period end); then an old event is replayed.
    await h.stripe.cancelAtPeriodEnd(subscriptionId);
    const afterCancel = await accountRow();
    expect(afterCancel.cancel_at_period_end).toBe(true);
    const firstEvent = h.stripe.eventsOfType('customer.subscription.created')[0];
    const replay = await h.stripe.deliver(firstEvent.id);
    expect(replay.status).toBe(200);
    expect(JSON.parse(replay.body)).toMatchObject({ received: true, outcome: 'duplicate' });
    expect(await eventCount()).toBe(rowsBefore + 1);
    expect(await accountRow()).toEqual(afterCancel);
    expect(stateBefore.cancel_at_period_end).toBe(false);
  });

  it('the same event delivered twice at once is applied once', async () => {
    h.stripe.autoDeliver = false;
    const res = await startCheckout(h.app, owner, 'GROWTH');
    await h.stripe.completeCheckout(res.data.startCheckout.sessionId);
    const created = h.stripe.eventsOfType('customer.subscription.created')[0];
    const results = await Promise.all([1, 2, 3, 4].map(() => h.stripe.deliver(created.id)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const outcomes = results.map((r) => JSON.parse(r.body).outcome).sort();
    expect(outcomes).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate']);
    const rows = (await h.app.db.pool.query(`SELECT event_id, outcome, brand_id FROM billing_stripe_events`)).rows;
    expect(rows).toEqual([{ event_id: created.id, outcome: 'applied', brand_id: owner.brandId }]);
    // Subscriptions re-read from Stripe: one per applied event, none for the duplicates.
    expect(h.stripe.requestsTo('GET', /^\/v1\/subscriptions\//)).toHaveLength(1);
  });

  it('an older subscription.updated arriving after a newer one does not roll the state back', async () => {
    const { subscriptionId } = await subscribe(h, owner);
    h.stripe.autoDeliver = false;
    await h.stripe.failPayment(subscriptionId);
    await h.stripe.payOpenInvoice(subscriptionId);
    const [pastDueUpdate, activeUpdate] = h.stripe.eventsOfType('customer.subscription.updated');
    expect((pastDueUpdate.data.object as any).status).toBe('past_due');
    expect((activeUpdate.data.object as any).status).toBe('active');

    // Newest first, then the stale one (and the stale invoice.payment_failed).
    expect((await h.stripe.deliver(activeUpdate.id)).status).toBe(200);
    expect((await h.stripe.deliver(pastDueUpdate.id)).status).toBe(200);
    expect((await h.stripe.deliver(h.stripe.eventsOfType('invoice.payment_failed')[0].id)).status).toBe(200);

    const billing = await billingOf(h.app, owner);
    expect(billing).toMatchObject({ status: 'ACTIVE', readOnly: false, banner: null, plan: { code: 'GROWTH' } });
    expect((await accountRow()).past_due_since).toBeNull();
  });

  it('when Stripe cannot be re-read, the webhook fails (Stripe retries) and the event is not recorded', async () => {
    h.stripe.autoDeliver = false;
    const res = await startCheckout(h.app, owner, 'GROWTH');
    await h.stripe.completeCheckout(res.data.startCheckout.sessionId);
    const created = h.stripe.eventsOfType('customer.subscription.created')[0];
    h.stripe.failNext('GET', /^\/v1\/subscriptions\//, { times: 3 });
    expect((await h.stripe.deliver(created.id)).status).toBe(500);
    expect(await eventCount()).toBe(0);
    expect((await billingOf(h.app, owner)).status).toBe('TRIALING');
    // Stripe's retry of the same event is applied.
    expect((await h.stripe.deliver(created.id)).status).toBe(200);
    expect((await billingOf(h.app, owner)).status).toBe('ACTIVE');
  });

  it('events of other types get 2xx and are ignored', async () => {
    const { default: Stripe } = await import('stripe');
    const payload = JSON.stringify({ id: 'evt_other_1', object: 'event', type: 'charge.refunded', created: 1, data: { object: { id: 'ch_1' } } });
    const res = await fetch(h.stripe.webhookUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: h.stripe.webhookSecret }) },
      body: payload,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: true, outcome: 'ignored' });
  });

  it('the fake hosted checkout page (used by the console browser test) pays and returns to the console', async () => {
    const res = await startCheckout(h.app, owner, 'SCALE');
    const page = await fetch(res.data.startCheckout.url);
    expect(await page.text()).toContain('<button type="submit">Pay</button>');
    const paid = await fetch(`${res.data.startCheckout.url}/pay`, { method: 'POST', redirect: 'manual' });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`http://localhost:3000/billing?checkout=success&session_id=${res.data.startCheckout.sessionId}`);
    expect((await billingOf(h.app, owner)).plan.code).toBe('SCALE');
  });
});
