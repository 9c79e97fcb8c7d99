import type { BrandId } from '@renown/accounts';
import type { PlanId } from '../config/plans.js';

/** What Renown stores about a brand's billing (one row of billing_accounts). */
export type StoredStatus = 'trialing' | 'active' | 'past_due' | 'unpaid' | 'canceled';

export interface BillingAccount {
  brandId: BrandId;
  plan: PlanId;
  status: StoredStatus;
  trialEndsAt: Date | null;
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  pastDueSince: Date | null;
  lastStripeEventAt: Date | null;
}
