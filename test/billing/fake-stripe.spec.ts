import Stripe from 'stripe';
import { FakeStripe } from '../support/fake-stripe/fake-stripe-server.js';
import { parseStripeForm } from '../support/fake-stripe/parse-stripe-form.js';

/** The fake is only worth its tests if it refuses what Stripe refuses: checked here with the real SDK. */
describe('fake Stripe server', () => {
  let fake: FakeStripe;
  let stripe: Stripe;
  beforeAll(async () => {
    fake = await FakeStripe.start();
    stripe = fake.client();
  });
  afterAll(() => fake.close());

  it('parses form bodies the way the SDK encodes them', () => {
    expect(parseStripeForm('line_items[0][price]=p1&line_items[0][quantity]=1&line_items[1][price]=p2&metadata[brand_id]=b%201&expand[]=x&expand[]=y')).toEqual({
      line_items: [{ price: 'p1', quantity: '1' }, { price: 'p2' }],
      metadata: { brand_id: 'b 1' },
      expand: ['x', 'y'],
    });
  });

  it('refuses a wrong key, missing and unknown parameters, and unknown ids, in Stripe\'s error shape', async () => {
    const wrong = new Stripe('sk_test_wrong', { host: '127.0.0.1', port: Number(new URL(fake.url).port), protocol: 'http', maxNetworkRetries: 0, telemetry: false });
    await expect(wrong.customers.create({})).rejects.toMatchObject({ type: 'StripeAuthenticationError', statusCode: 401 });
    await expect(stripe.checkout.sessions.create({ mode: 'subscription', line_items: [{ price: 'price_growth_monthly', quantity: 1 }] } as never)).rejects.toMatchObject({ type: 'StripeInvalidRequestError', code: 'parameter_missing', param: 'success_url' });
    await expect(stripe.customers.create({ colour: 'red' } as never)).rejects.toMatchObject({ code: 'parameter_unknown', param: 'colour' });
    await expect(stripe.subscriptions.retrieve('sub_missing')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
    const customer = await stripe.customers.create({ name: 'x' });
    await expect(
      stripe.checkout.sessions.create({ mode: 'subscription', customer: customer.id, success_url: 'http://x/ok', line_items: [{ price: 'price_invitation_overage', quantity: 3 }] }),
    ).rejects.toMatchObject({ param: 'line_items[0][quantity]' });
    await expect(stripe.billing.meterEvents.create({ event_name: 'renown_invitation', payload: { value: '1' } })).rejects.toMatchObject({ param: 'payload[stripe_customer_id]' });
  });

  it('honours idempotency keys: same key and body replays, same key with another body is an idempotency_error', async () => {
    const first = await stripe.customers.create({ name: 'Once' }, { idempotencyKey: 'key-1' });
    const again = await stripe.customers.create({ name: 'Once' }, { idempotencyKey: 'key-1' });
    expect(again.id).toBe(first.id);
    expect(fake.requests.at(-1)!.replayed).toBe(true);
    await expect(stripe.customers.create({ name: 'Other' }, { idempotencyKey: 'key-1' })).rejects.toMatchObject({ type: 'StripeIdempotencyError' });
    expect([...fake.customers.values()].filter((c) => c.name === 'Once')).toHaveLength(1);
  });

  it('signs its webhook events so the SDK verifies them', async () => {
    const customer = await stripe.customers.create({});
    const session = await stripe.checkout.sessions.create({ mode: 'subscription', customer: customer.id, success_url: 'http://x/ok', line_items: [{ price: 'price_scale_monthly', quantity: 1 }] });
    fake.autoDeliver = false;
    await fake.completeCheckout(session.id);
    const event = fake.eventsOfType('checkout.session.completed')[0];
    const payload = JSON.stringify(event);
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: fake.webhookSecret });
    expect(stripe.webhooks.constructEvent(payload, header, fake.webhookSecret).id).toBe(event.id);
    const sub = await stripe.subscriptions.retrieve((event.data.object as Stripe.Checkout.Session).subscription as string);
    expect(sub.items.data[0]).toMatchObject({ price: { id: 'price_scale_monthly' }, quantity: 1 });
    expect((await stripe.subscriptions.list({ customer: customer.id, status: 'all' })).data.map((s) => s.id)).toEqual([sub.id]);
  });
});
