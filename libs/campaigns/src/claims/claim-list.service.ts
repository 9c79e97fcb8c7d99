import { Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import { CampaignRepository } from '../campaigns/campaign.repository.js';
import { BrandScopedSql } from '../brand-scoped-sql.js';
import type { ShippingAddress } from './claim.types.js';

export interface BrandClaimRow {
  id: string;
  campaignId: string;
  invitationId: string;
  status: string;
  variant: string | null;
  code: string | null;
  /** Personal data: returned only to the brand holding the claim (the query is scoped by its brand id). */
  email: string | null;
  handle: string | null;
  platform: string | null;
  shippingAddress: ShippingAddress | null;
  carrier: string | null;
  trackingNumber: string | null;
  shippedAt: Date | null;
  erased: boolean;
  createdAt: Date;
}

@Injectable()
export class ClaimListService {
  constructor(
    private readonly scoped: BrandScopedSql,
    private readonly campaigns: CampaignRepository,
  ) {}

  async list(brandId: BrandId, campaignId: string): Promise<BrandClaimRow[]> {
    await this.campaigns.findOrFail(brandId, campaignId);
    return this.scoped.rows<BrandClaimRow>(
      brandId,
      `SELECT cl.id, cl.campaign_id AS "campaignId", cl.invitation_id AS "invitationId", cl.status, cl.variant, cc.code,
              ct.email, ct.handle, ct.platform, cl.shipping_address AS "shippingAddress", cl.carrier, cl.tracking_number AS "trackingNumber",
              cl.shipped_at AS "shippedAt", (cl.erased_at IS NOT NULL) AS erased, cl.created_at AS "createdAt"
         FROM claims cl JOIN influencer_contacts ct ON ct.id = cl.contact_id LEFT JOIN campaign_codes cc ON cc.claim_id = cl.id
        WHERE cl.brand_id = $1 AND cl.campaign_id = $2 ORDER BY cl.id`, [campaignId]);
  }
}
