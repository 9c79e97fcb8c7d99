import { Inject, Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import { BillingClock } from '../billing-clock.js';
import { QuotaExceededError, ReadOnlyBrandError } from '../billing.error.js';
import { PLAN_CATALOGUE, type PlanCatalogue } from '../config/plan-catalogue.js';
import { type LimitMetric, METERED_METRICS, type MeteredMetric, type PlanEntitlements } from '../config/plans.js';
import type { BillingView } from '../domain/compute-billing-view.js';
import { quotaMessage, upgradeFor } from '../domain/quota-message.js';
import { nextUsagePeriodStart, usagePeriodStart } from '../domain/usage-period.js';
import { UsageRepository } from '../persistence/usage.repository.js';
import { BillingAccountsService } from './billing-accounts.service.js';

/**
 * What a brand may do now. Other modules call it before an action:
 * - `assertWithinLimit(brandId, 'activeCampaigns', 1, { current })` for limits they count themselves;
 * - `assertWithinLimit(brandId, 'searches')` to check a monthly allowance (UsageService.record counts it);
 * - `assertFeature(brandId, 'apiAccess')`, `assertWritable(brandId)`.
 * Each throws QUOTA_EXCEEDED (or PAYMENT_REQUIRED for read-only) with a message naming the limit and the way out.
 * With billing off nothing is ever refused.
 */
@Injectable()
export class EntitlementsService {
  constructor(
    @Inject(PLAN_CATALOGUE) private readonly catalogue: PlanCatalogue,
    private readonly accounts: BillingAccountsService,
    private readonly usage: UsageRepository,
    private readonly clock: BillingClock,
  ) {}

  getView(brandId: BrandId): Promise<BillingView> {
    return this.accounts.getView(brandId);
  }

  async getEntitlements(brandId: BrandId): Promise<PlanEntitlements> {
    return (await this.getView(brandId)).entitlements;
  }

  /**
   * Throws QUOTA_EXCEEDED when adding `amount` would pass the plan's limit. For activeCampaigns and seats
   * the caller passes how many the brand has now (`current`); monthly metrics are read from the counters.
   */
  async assertWithinLimit(brandId: BrandId, metric: LimitMetric, amount = 1, options: { current?: number } = {}): Promise<void> {
    const view = await this.getView(brandId);
    const limit = view.entitlements[metric];
    if (limit === null || !view.plan) return;
    const metered = (METERED_METRICS as string[]).includes(metric);
    if (metric === 'invitations' && view.entitlements.invitationOverage) return; // billed, not refused
    let used: number;
    if (metered) {
      used = (await this.usage.used(brandId, usagePeriodStart(this.clock.now())))[metric as MeteredMetric];
    } else {
      if (options.current === undefined) throw new Error(`assertWithinLimit(${metric}) needs { current }: the number the brand has now`);
      used = options.current;
    }
    if (used + amount > limit) throw this.quotaError(view, metric, limit, used, amount);
  }

  async assertFeature(brandId: BrandId, feature: 'apiAccess'): Promise<void> {
    const view = await this.getView(brandId);
    if (view.entitlements[feature] || !view.plan) return;
    const next = upgradeFor(view.plan.id);
    throw new QuotaExceededError(
      `The ${view.plan.name} plan does not include API access. Upgrade to ${next ? this.catalogue.plans[next].name : 'a paid plan'} in Billing to use API keys.`,
      { metric: feature, limit: 0, used: 0, requested: 1, plan: view.plan.id, upgrade: next ?? 'contact' },
    );
  }

  /** Reads always work; changes are refused while the brand is read-only (payment past due beyond grace). */
  async assertWritable(brandId: BrandId): Promise<void> {
    const view = await this.getView(brandId);
    if (view.readOnly) throw new ReadOnlyBrandError(view.banner?.message ?? 'This brand is read-only until its payment is settled.', { billingStatus: view.status });
  }

  quotaError(view: BillingView, metric: LimitMetric, limit: number, used: number, requested: number) {
    const plan = view.plan!;
    const metered = (METERED_METRICS as string[]).includes(metric);
    const resetsOn = metered ? nextUsagePeriodStart(this.clock.now()).toISOString().slice(0, 10) : null;
    return new QuotaExceededError(quotaMessage(plan, this.catalogue, metric, limit, used, resetsOn), {
      metric,
      limit,
      used,
      requested,
      plan: plan.id,
      upgrade: upgradeFor(plan.id) ?? 'contact',
    });
  }
}
