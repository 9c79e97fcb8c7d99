import { Inject, Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import { PLAN_CATALOGUE, type PlanCatalogue } from '../config/plan-catalogue.js';
import { LIMIT_METRICS, METERED_METRICS, type PlanDefinition } from '../config/plans.js';
import { type Billing, type Plan, PlanCode, type UsageAgainstLimit, type UsageMetric } from '../graphql/billing.models.js';
import { GaugeCountRepository } from '../persistence/gauge-count.repository.js';
import { BillingAccountsService } from './billing-accounts.service.js';
import { UsageService } from './usage.service.js';

export function toPlanModel(plan: PlanDefinition): Plan {
  const e = plan.entitlements;
  return {
    code: plan.id as PlanCode,
    name: plan.name,
    monthlyPriceCents: plan.monthlyPriceCents,
    limits: {
      searchesPerMonth: e.searches,
      apiCallsPerMonth: e.apiCalls,
      activeCampaigns: e.activeCampaigns,
      invitationsPerMonth: e.invitations,
      seats: e.seats,
      apiAccess: e.apiAccess,
      invitationOverageBilled: e.invitationOverage,
    },
  };
}

/** What the console's billing page shows: plan, status, period, usage against each limit, banner. */
@Injectable()
export class BillingOverviewService {
  constructor(
    @Inject(PLAN_CATALOGUE) private readonly catalogue: PlanCatalogue,
    private readonly accounts: BillingAccountsService,
    private readonly usage: UsageService,
    private readonly gauges: GaugeCountRepository,
  ) {}

  plans(): Plan[] {
    return (['trial', 'growth', 'scale', 'free'] as const).map((id) => toPlanModel(this.catalogue.plans[id]));
  }

  async getBilling(brandId: BrandId): Promise<Billing> {
    const view = await this.accounts.getView(brandId);
    const [monthly, seats, activeCampaigns] = await Promise.all([this.usage.currentUsage(brandId), this.gauges.seats(brandId), this.gauges.activeCampaigns(brandId)]);
    const used = { ...monthly, seats, activeCampaigns };
    const usage: UsageAgainstLimit[] = LIMIT_METRICS.map((metric) => ({
      metric: metric as UsageMetric,
      used: used[metric],
      limit: view.entitlements[metric],
      monthly: (METERED_METRICS as string[]).includes(metric),
    }));
    return {
      enabled: view.billingEnabled,
      status: view.status as Billing['status'],
      plan: view.plan ? toPlanModel(view.plan) : null,
      readOnly: view.readOnly,
      trialEndsAt: view.trialEndsAt,
      currentPeriodStart: view.currentPeriodStart,
      currentPeriodEnd: view.currentPeriodEnd,
      cancelAtPeriodEnd: view.cancelAtPeriodEnd,
      graceEndsAt: view.graceEndsAt,
      apiAccess: view.entitlements.apiAccess,
      usage,
      banner: view.banner ? { ...view.banner, kind: view.banner.kind as never, level: view.banner.level as never } : null,
    };
  }
}
