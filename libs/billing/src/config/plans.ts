/**
 * The plans Renown sells and what each one allows. Limits are per calendar month (UTC) for metered actions
 * and at any one time for active campaigns and seats; `null` means unlimited. Price ids come from the
 * environment (see plan-catalogue.ts); everything else is this typed default, reviewed like code.
 */
export type PlanId = 'trial' | 'growth' | 'scale' | 'free';
export type PaidPlanId = 'growth' | 'scale';

/** Counted per month, recorded through UsageService. */
export type MeteredMetric = 'searches' | 'apiCalls' | 'invitations';
/** Counted by the module that owns the rows (campaigns, accounts) and checked here. */
export type GaugeMetric = 'activeCampaigns' | 'seats';
export type LimitMetric = MeteredMetric | GaugeMetric;

export const METERED_METRICS: readonly MeteredMetric[] = ['searches', 'apiCalls', 'invitations'];
export const LIMIT_METRICS: readonly LimitMetric[] = ['searches', 'apiCalls', 'activeCampaigns', 'invitations', 'seats'];

export interface PlanEntitlements {
  searches: number | null;
  apiCalls: number | null;
  activeCampaigns: number | null;
  invitations: number | null;
  seats: number | null;
  apiAccess: boolean;
  /** Invitations beyond the allowance are allowed and billed as metered usage instead of refused. */
  invitationOverage: boolean;
}

export interface PlanDefinition {
  id: PlanId;
  name: string;
  /** Monthly price in cents, shown in the console; Stripe's price is the one charged. */
  monthlyPriceCents: number;
  entitlements: PlanEntitlements;
}

export interface BillingPolicy {
  /** Days of the Trial plan for a new brand. */
  trialDays: number;
  /** Days a past_due brand keeps working (with a banner) before it turns read-only. */
  pastDueGraceDays: number;
  /** Days before the trial ends when the banner starts to warn. */
  trialWarningDays: number;
}

export const DEFAULT_BILLING_POLICY: BillingPolicy = { trialDays: 14, pastDueGraceDays: 7, trialWarningDays: 3 };

export const DEFAULT_PLANS: Readonly<Record<PlanId, PlanDefinition>> = {
  trial: {
    id: 'trial',
    name: 'Trial',
    monthlyPriceCents: 0,
    entitlements: { searches: 500, apiCalls: 1_000, activeCampaigns: 2, invitations: 100, seats: 3, apiAccess: true, invitationOverage: false },
  },
  growth: {
    id: 'growth',
    name: 'Growth',
    monthlyPriceCents: 9_900,
    entitlements: { searches: 5_000, apiCalls: 50_000, activeCampaigns: 10, invitations: 1_000, seats: 10, apiAccess: true, invitationOverage: true },
  },
  scale: {
    id: 'scale',
    name: 'Scale',
    monthlyPriceCents: 49_900,
    entitlements: { searches: 50_000, apiCalls: 1_000_000, activeCampaigns: 100, invitations: 10_000, seats: 50, apiAccess: true, invitationOverage: true },
  },
  free: {
    id: 'free',
    name: 'Free',
    monthlyPriceCents: 0,
    entitlements: { searches: 50, apiCalls: 0, activeCampaigns: 1, invitations: 20, seats: 2, apiAccess: false, invitationOverage: false },
  },
};

/** With billing off (no Stripe keys) every brand has every feature. */
export const UNLIMITED: PlanEntitlements = {
  searches: null,
  apiCalls: null,
  activeCampaigns: null,
  invitations: null,
  seats: null,
  apiAccess: true,
  invitationOverage: false,
};

export const METRIC_LABELS: Record<LimitMetric, string> = {
  searches: 'searches per month',
  apiCalls: 'API calls per month',
  activeCampaigns: 'active campaigns',
  invitations: 'invitations per month',
  seats: 'seats',
};
