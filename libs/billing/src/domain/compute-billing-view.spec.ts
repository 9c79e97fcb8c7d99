import { resolvePlanCatalogue } from '../config/plan-catalogue.js';
import type { BillingAccount } from './billing-account.js';
import { computeBillingView } from './compute-billing-view.js';

const catalogue = resolvePlanCatalogue({ billingEnabled: true, STRIPE_PRICE_GROWTH: 'price_g', STRIPE_PRICE_SCALE: 'price_s', STRIPE_PRICE_INVITATIONS_METERED: 'price_m', STRIPE_METER_INVITATIONS: 'inv' });
const DAY = 86_400_000;
const now = new Date('2026-11-22T12:00:00Z');
const at = (days: number) => new Date(now.getTime() + days * DAY);

const account = (patch: Partial<BillingAccount>): BillingAccount => ({
  brandId: '00000000-0000-4000-8000-000000000001' as never,
  plan: 'growth',
  status: 'active',
  trialEndsAt: null,
  stripeCustomerId: 'cus_1',
  stripeSubscriptionId: 'sub_1',
  currentPeriodStart: at(-10),
  currentPeriodEnd: at(20),
  cancelAtPeriodEnd: false,
  pastDueSince: null,
  lastStripeEventAt: null,
  ...patch,
});

describe('computeBillingView', () => {
  it('billing off: no limits, no row needed', () => {
    const view = computeBillingView(null, resolvePlanCatalogue({ billingEnabled: false }), now);
    expect(view).toMatchObject({ billingEnabled: false, status: 'off', plan: null, readOnly: false, banner: { kind: 'billing_off' } });
    expect(Object.values(view.entitlements).filter((v) => typeof v === 'number')).toEqual([]);
  });

  it('trial: Trial limits with an info banner, a warning in the last days, then Free', () => {
    const trial = account({ plan: 'trial', status: 'trialing', stripeSubscriptionId: null, trialEndsAt: at(10) });
    expect(computeBillingView(trial, catalogue, now)).toMatchObject({ status: 'trialing', plan: { id: 'trial' }, banner: { kind: 'trial', level: 'info' } });
    expect(computeBillingView(trial, catalogue, at(8)).banner).toMatchObject({ kind: 'trial_ending', level: 'warning', message: expect.stringMatching(/2 days left/) });
    expect(computeBillingView(trial, catalogue, at(10))).toMatchObject({ status: 'free', plan: { id: 'free' }, banner: { kind: 'trial_ended' } });
  });

  it('active: the paid plan, no banner; cancelled at period end keeps it until then, then Free', () => {
    expect(computeBillingView(account({}), catalogue, now)).toMatchObject({ status: 'active', plan: { id: 'growth' }, banner: null, readOnly: false });
    const cancelling = account({ cancelAtPeriodEnd: true });
    expect(computeBillingView(cancelling, catalogue, now)).toMatchObject({ status: 'active', plan: { id: 'growth' }, banner: { kind: 'cancels_at_period_end' } });
    expect(computeBillingView(cancelling, catalogue, at(20))).toMatchObject({ status: 'free', plan: { id: 'free' }, readOnly: false });
    expect(computeBillingView(account({ status: 'canceled', plan: 'free' }), catalogue, now)).toMatchObject({ status: 'free', hasSubscription: false });
  });

  it('past_due: the paid plan during the grace period, then read-only; unpaid is read-only at once', () => {
    const pastDue = account({ status: 'past_due', pastDueSince: now });
    expect(computeBillingView(pastDue, catalogue, at(6.9))).toMatchObject({ status: 'past_due', readOnly: false, plan: { id: 'growth' }, graceEndsAt: at(7), banner: { kind: 'past_due' } });
    expect(computeBillingView(pastDue, catalogue, at(7))).toMatchObject({ status: 'read_only', readOnly: true, banner: { kind: 'read_only', level: 'error' } });
    expect(computeBillingView(account({ status: 'unpaid', pastDueSince: now }), catalogue, now)).toMatchObject({ status: 'read_only', readOnly: true });
  });
});
