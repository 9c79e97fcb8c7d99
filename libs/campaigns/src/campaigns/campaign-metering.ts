import { Injectable, Optional } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import { EntitlementsService, UsageService } from '@renown/billing';
import type { EntityManager } from 'typeorm';

/**
 * Where campaigns meet billing: invitations per month (metered: counted with the invitations, in their
 * transaction, so the count and the limit check cannot race) and active campaigns (a gauge: checked against
 * how many the brand has live). Without the billing module (or with billing off) nothing is refused.
 */
@Injectable()
export class CampaignMetering {
  constructor(
    @Optional() private readonly entitlements?: EntitlementsService,
    @Optional() private readonly usage?: UsageService,
  ) {}

  async assertCanActivate(brandId: BrandId, activeNow: number): Promise<void> {
    await this.entitlements?.assertWithinLimit(brandId, 'activeCampaigns', 1, { current: activeNow });
  }

  /** Counts `n` invitations inside the caller's transaction; throws QUOTA_EXCEEDED (rolling it back) past the limit. */
  async recordInvitations(brandId: BrandId, n: number, idempotencyKey: string, em: EntityManager): Promise<void> {
    if (n < 1) return;
    await this.usage?.record(brandId, 'invitations', n, idempotencyKey, { manager: em });
  }
}
