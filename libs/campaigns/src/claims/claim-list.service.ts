import { Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import type { As, Narrow, Nullable, RowOf } from '@renown/core';
import { CampaignRepository } from '../campaigns/campaign.repository.js';
import { BrandScopedSql } from '../brand-scoped-sql.js';
import type { ShippingAddress } from './claim.types.js';

/**
 * A claim as the brand sees it. Personal data (email, handle, platform, shipping address) is returned only to
 * the brand holding the claim (the query is scoped by its brand id).
 */
export type BrandClaimRow = Narrow<
  RowOf<'claims', 'id' | 'status' | 'variant' | 'carrier'> &
    As<'claims', { campaignId: 'campaign_id'; invitationId: 'invitation_id'; shippingAddress: 'shipping_address'; trackingNumber: 'tracking_number'; shippedAt: 'shipped_at'; createdAt: 'created_at' }> &
    Nullable<RowOf<'campaign_codes', 'code'>> &
    RowOf<'influencer_contacts', 'email' | 'handle' | 'platform'> & { erased: boolean },
  { shippingAddress: ShippingAddress | null }
>;

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
