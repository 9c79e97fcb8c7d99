import type Stripe from 'stripe';
import { resolvePlanCatalogue } from '../config/plan-catalogue.js';
import type { BillingAccount } from './billing-account.js';
import { applySubscriptionState, mapStripeSubscription } from './map-stripe-subscription.js';

const catalogue = resolvePlanCatalogue({ billingEnabled: true, STRIPE_PRICE_GROWTH: 'price_g', STRIPE_PRICE_SCALE: 'price_s', STRIPE_PRICE_INVITATIONS_METERED: 'price_m', STRIPE_METER_INVITATIONS: 'inv' });
const now = new Date('2026-11-22T12:00:00Z');

const sub = (patch: Record<string, unknown> = {}, prices = ['price_m', 'price_s']) =>
  ({
    id: 'sub_1',
    customer: 'cus_1',
    status: 'active',
    cancel_at_period_end: false,
    items: { data: prices.map((p) => ({ price: { id: p }, current_period_start: 1_700_000_000, current_period_end: 1_702_592_000 })) },
    ...patch,
  }) as unknown as Stripe.Subscription;

const trial: BillingAccount = {
  brandId: '00000000-0000-4000-8000-000000000001' as never,
  plan: 'trial',
  status: 'trialing',
  trialEndsAt: now,
  stripeCustomerId: 'cus_1',
  stripeSubscriptionId: null,
  currentPeriodStart: null,
  currentPeriodEnd: null,
  cancelAtPeriodEnd: false,
  pastDueSince: null,
  lastStripeEventAt: null,
};

describe('mapStripeSubscription', () => {
  it('takes the plan from the plan price (not the metered item) and the period from the items', () => {
    expect(mapStripeSubscription(sub(), catalogue)).toEqual({
      subscriptionId: 'sub_1',
      customerId: 'cus_1',
      plan: 'scale',
      status: 'active',
      currentPeriodStart: new Date(1_700_000_000_000),
      currentPeriodEnd: new Date(1_702_592_000_000),
      cancelAtPeriodEnd: false,
    });
  });

  it('maps Stripe statuses; incomplete changes nothing', () => {
    const status = (s: string) => mapStripeSubscription(sub({ status: s }), catalogue).status;
    expect([status('trialing'), status('past_due'), status('unpaid'), status('canceled'), status('incomplete_expired'), status('incomplete')]).toEqual(['active', 'past_due', 'unpaid', 'canceled', 'canceled', null]);
  });
});

describe('applySubscriptionState', () => {
  it('a paid subscription replaces the trial', () => {
    expect(applySubscriptionState(trial, mapStripeSubscription(sub(), catalogue), now)).toMatchObject({ plan: 'scale', status: 'active', stripeSubscriptionId: 'sub_1' });
  });

  it('past_due keeps its first date across later events', () => {
    const first = applySubscriptionState(trial, mapStripeSubscription(sub({ status: 'past_due' }), catalogue), now)!;
    const later = applySubscriptionState(first, mapStripeSubscription(sub({ status: 'past_due' }), catalogue), new Date(now.getTime() + 3600_000))!;
    expect(later.pastDueSince).toEqual(now);
    expect(applySubscriptionState(later, mapStripeSubscription(sub(), catalogue), now)!.pastDueSince).toBeNull();
  });

  it('the end of an old subscription never downgrades a brand that bought a new one', () => {
    const onNew = { ...trial, plan: 'growth' as const, status: 'active' as const, stripeSubscriptionId: 'sub_2' };
    expect(applySubscriptionState(onNew, mapStripeSubscription(sub({ status: 'canceled' }), catalogue), now)).toBeNull();
  });

  it('cancellation moves the brand to Free', () => {
    const active = applySubscriptionState(trial, mapStripeSubscription(sub(), catalogue), now)!;
    expect(applySubscriptionState(active, mapStripeSubscription(sub({ status: 'canceled' }), catalogue), now)).toMatchObject({ plan: 'free', status: 'canceled', cancelAtPeriodEnd: false });
  });
});
