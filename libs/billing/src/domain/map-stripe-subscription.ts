import type Stripe from 'stripe';
import type { PlanCatalogue } from '../config/plan-catalogue.js';
import type { PaidPlanId } from '../config/plans.js';
import type { BillingAccount, StoredStatus } from './billing-account.js';

export interface SubscriptionState {
  subscriptionId: string;
  customerId: string;
  plan: PaidPlanId | null;
  status: StoredStatus | null;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
}

const fromUnix = (s: number | null | undefined) => (typeof s === 'number' ? new Date(s * 1000) : null);

/**
 * Reads what Renown needs from a Stripe subscription. Since API 2025-03-31 the period lives on the items;
 * the plan is the item whose price is one of the plans' prices (the metered invitations item is not a plan).
 * `incomplete` (first payment not done) maps to null: it changes nothing.
 */
export function mapStripeSubscription(sub: Stripe.Subscription, catalogue: PlanCatalogue): SubscriptionState {
  const items = sub.items?.data ?? [];
  const planItem = items.find((i) => catalogue.planForPrice(i.price.id));
  const period = planItem ?? items[0];
  const statuses: Record<string, StoredStatus | null> = {
    active: 'active',
    trialing: 'active',
    past_due: 'past_due',
    unpaid: 'unpaid',
    canceled: 'canceled',
    incomplete_expired: 'canceled',
    paused: 'canceled',
    incomplete: null,
  };
  return {
    subscriptionId: sub.id,
    customerId: typeof sub.customer === 'string' ? sub.customer : sub.customer.id,
    plan: planItem ? catalogue.planForPrice(planItem.price.id) : null,
    status: statuses[sub.status] ?? null,
    currentPeriodStart: fromUnix(period?.current_period_start),
    currentPeriodEnd: fromUnix(period?.current_period_end),
    cancelAtPeriodEnd: Boolean(sub.cancel_at_period_end),
  };
}

/**
 * The account after applying Stripe's current state of one subscription, or null when nothing changes.
 * A subscription other than the brand's current one only matters if it is live (a new plan bought while the
 * old one is being cancelled); the end of an old one never downgrades the brand.
 */
export function applySubscriptionState(account: BillingAccount, state: SubscriptionState, now: Date): BillingAccount | null {
  if (state.status === null) return null;
  const isCurrent = !account.stripeSubscriptionId || account.stripeSubscriptionId === state.subscriptionId;
  const currentIsLive = account.stripeSubscriptionId && account.status !== 'canceled';
  if (!isCurrent && (state.status === 'canceled' || currentIsLive && state.status !== 'active')) return null;
  if (state.status !== 'canceled' && !state.plan) return null;
  const next: BillingAccount = {
    ...account,
    stripeCustomerId: account.stripeCustomerId ?? state.customerId,
    stripeSubscriptionId: state.subscriptionId,
    plan: state.status === 'canceled' ? 'free' : state.plan!,
    status: state.status,
    currentPeriodStart: state.currentPeriodStart,
    currentPeriodEnd: state.currentPeriodEnd,
    cancelAtPeriodEnd: state.status === 'canceled' ? false : state.cancelAtPeriodEnd,
    pastDueSince: state.status === 'past_due' || state.status === 'unpaid' ? (account.pastDueSince ?? now) : null,
  };
  return next;
}

/** True when two rows mean the same billing state (ignoring bookkeeping such as lastStripeEventAt). */
export function sameBillingState(a: BillingAccount, b: BillingAccount): boolean {
  const keys: Array<keyof BillingAccount> = ['plan', 'status', 'stripeCustomerId', 'stripeSubscriptionId', 'currentPeriodStart', 'currentPeriodEnd', 'cancelAtPeriodEnd', 'pastDueSince', 'trialEndsAt'];
  const norm = (v: unknown) => (v instanceof Date ? v.getTime() : v);
  return keys.every((k) => norm(a[k]) === norm(b[k]));
}
