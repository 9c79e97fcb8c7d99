import type { PlanCatalogue } from '../config/plan-catalogue.js';
import { type LimitMetric, METRIC_LABELS, type PlanDefinition, type PlanId } from '../config/plans.js';

const fmt = (n: number) => n.toLocaleString('en-US');

/** The next plan up, to name in a quota message (Scale has none: the way out is to contact sales). */
export function upgradeFor(plan: PlanId): 'growth' | 'scale' | null {
  return plan === 'trial' || plan === 'free' ? 'growth' : plan === 'growth' ? 'scale' : null;
}

/** "This brand has used 500 of its 500 searches per month on the Trial plan. Upgrade to Growth (5,000 ...) ..." */
export function quotaMessage(plan: PlanDefinition, catalogue: PlanCatalogue, metric: LimitMetric, limit: number, used: number, resetsOn: string | null): string {
  const label = METRIC_LABELS[metric];
  const have = metric === 'activeCampaigns' || metric === 'seats' ? `has ${fmt(used)} of its ${fmt(limit)} ${label}` : `has used ${fmt(used)} of its ${fmt(limit)} ${label}`;
  const next = upgradeFor(plan.id);
  const nextLimit = next ? catalogue.plans[next].entitlements[metric] : null;
  const raise = next
    ? `Upgrade to ${catalogue.plans[next].name} (${nextLimit === null ? 'unlimited' : fmt(nextLimit)} ${label}) in Billing`
    : 'Contact Renown to raise the Scale limits';
  const wait = resetsOn ? `, or wait until ${resetsOn} when the monthly count restarts` : metric === 'activeCampaigns' ? ', or end or pause a campaign' : metric === 'seats' ? ', or remove a team member' : '';
  return `Limit reached: this brand ${have} on the ${plan.name} plan. ${raise}${wait}.`;
}
