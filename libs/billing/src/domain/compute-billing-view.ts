import type { PlanCatalogue } from '../config/plan-catalogue.js';
import { type PlanDefinition, type PlanEntitlements, UNLIMITED } from '../config/plans.js';
import type { BillingAccount } from './billing-account.js';

/** What the brand sees and what enforcement uses. */
export type EffectiveStatus = 'off' | 'trialing' | 'active' | 'past_due' | 'read_only' | 'free';
export type BannerKind = 'billing_off' | 'trial' | 'trial_ending' | 'trial_ended' | 'past_due' | 'read_only' | 'cancels_at_period_end' | 'canceled';

export interface BillingBanner {
  kind: BannerKind;
  /** warning and error banners ask for action; info ones only inform. */
  level: 'info' | 'warning' | 'error';
  message: string;
  /** The moment the banner is about: trial end, grace end, period end. */
  until: Date | null;
}

export interface BillingView {
  billingEnabled: boolean;
  status: EffectiveStatus;
  /** The plan whose entitlements apply now (Free after a trial or a cancellation). */
  plan: PlanDefinition | null;
  entitlements: PlanEntitlements;
  readOnly: boolean;
  trialEndsAt: Date | null;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  graceEndsAt: Date | null;
  hasSubscription: boolean;
  banner: BillingBanner | null;
}

const DAY = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The rules, as a pure function of the stored row, the catalogue and the time:
 * - billing off: every feature, no limits;
 * - trial: the Trial plan until trialEndsAt, then the Free allowance;
 * - active: the paid plan; cancelled at period end keeps it until the period ends, then Free;
 * - past_due: the paid plan for the grace period with a banner, then read-only (reads work, writes refused);
 * - unpaid (Stripe gave up retrying): read-only;
 * - canceled: the Free allowance. Nothing is ever deleted.
 */
export function computeBillingView(account: BillingAccount | null, catalogue: PlanCatalogue, now: Date): BillingView {
  if (!catalogue.billingEnabled || !account) {
    return {
      billingEnabled: false,
      status: 'off',
      plan: null,
      entitlements: UNLIMITED,
      readOnly: false,
      trialEndsAt: null,
      currentPeriodStart: null,
      currentPeriodEnd: null,
      cancelAtPeriodEnd: false,
      graceEndsAt: null,
      hasSubscription: false,
      banner: { kind: 'billing_off', level: 'info', message: 'Billing is off (no Stripe keys configured): every brand has every feature.', until: null },
    };
  }
  const { plans, policy } = catalogue;
  const base = {
    billingEnabled: true,
    readOnly: false,
    trialEndsAt: account.trialEndsAt,
    currentPeriodStart: account.currentPeriodStart,
    currentPeriodEnd: account.currentPeriodEnd,
    cancelAtPeriodEnd: account.cancelAtPeriodEnd,
    graceEndsAt: null as Date | null,
    hasSubscription: Boolean(account.stripeSubscriptionId) && account.status !== 'canceled',
  };
  const free = (banner: BillingBanner): BillingView => ({ ...base, status: 'free', plan: plans.free, entitlements: plans.free.entitlements, banner });

  if (account.status === 'trialing' || account.plan === 'trial') {
    const ends = account.trialEndsAt;
    if (ends && now < ends) {
      const daysLeft = Math.ceil((ends.getTime() - now.getTime()) / DAY);
      const ending = daysLeft <= policy.trialWarningDays;
      return {
        ...base,
        status: 'trialing',
        plan: plans.trial,
        entitlements: plans.trial.entitlements,
        banner: {
          kind: ending ? 'trial_ending' : 'trial',
          level: ending ? 'warning' : 'info',
          message: `Your trial ends on ${day(ends)} (${daysLeft} day${daysLeft === 1 ? '' : 's'} left). Choose Growth or Scale in Billing to keep your limits.`,
          until: ends,
        },
      };
    }
    return free({ kind: 'trial_ended', level: 'warning', message: `Your trial ended${ends ? ` on ${day(ends)}` : ''}: you are on the Free allowance. Choose Growth or Scale in Billing to raise your limits.`, until: ends });
  }

  const paid = plans[account.plan];
  if (account.status === 'canceled' || account.plan === 'free') {
    return free({ kind: 'canceled', level: 'info', message: 'Your subscription has ended: you are on the Free allowance and all your data is kept. Choose a plan in Billing to raise your limits.', until: null });
  }
  if (account.cancelAtPeriodEnd && account.currentPeriodEnd && now >= account.currentPeriodEnd) {
    // Stripe's deleted event may come late; the period end is what the owner was promised.
    return free({ kind: 'canceled', level: 'info', message: `Your ${paid.name} plan ended on ${day(account.currentPeriodEnd)}: you are on the Free allowance and all your data is kept.`, until: account.currentPeriodEnd });
  }
  if (account.status === 'past_due' || account.status === 'unpaid') {
    const since = account.pastDueSince ?? now;
    const graceEndsAt = new Date(since.getTime() + policy.pastDueGraceDays * DAY);
    if (account.status === 'past_due' && now < graceEndsAt) {
      return {
        ...base,
        graceEndsAt,
        status: 'past_due',
        plan: paid,
        entitlements: paid.entitlements,
        banner: { kind: 'past_due', level: 'warning', message: `Your last payment failed. Update your card in the billing portal before ${day(graceEndsAt)}, or Renown turns read-only (your data is kept).`, until: graceEndsAt },
      };
    }
    return {
      ...base,
      graceEndsAt,
      status: 'read_only',
      plan: paid,
      entitlements: paid.entitlements,
      readOnly: true,
      banner: { kind: 'read_only', level: 'error', message: 'Renown is read-only for this brand because a payment is past due. Update your card in the billing portal to restore it; nothing has been deleted.', until: null },
    };
  }
  const banner: BillingBanner | null =
    account.cancelAtPeriodEnd && account.currentPeriodEnd
      ? { kind: 'cancels_at_period_end', level: 'info', message: `Your ${paid.name} plan is cancelled and ends on ${day(account.currentPeriodEnd)}; then the Free allowance applies. Renew it in the billing portal.`, until: account.currentPeriodEnd }
      : null;
  return { ...base, status: 'active', plan: paid, entitlements: paid.entitlements, banner };
}
