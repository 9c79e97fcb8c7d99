import { Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import type { As, Narrow, RowOf } from '@renown/core';
import { DataSource } from 'typeorm';
import { CampaignsError } from '../campaigns-error.js';
import { CampaignRepository } from '../campaigns/campaign.repository.js';
import { CampaignMetering } from '../campaigns/campaign-metering.js';
import { InvitationService } from '../invitations/invitation.service.js';
import { BrandScopedSql } from '../brand-scoped-sql.js';
import { sqlOne, sqlRows } from '../sql-rows.js';

/** An application as COLS reads it. */
export type ApplicationRow = Narrow<
  RowOf<'campaign_applications', 'id' | 'email' | 'platform' | 'handle' | 'pitch' | 'status'> &
    As<'campaign_applications', { campaignId: 'campaign_id'; socialAccountId: 'social_account_id'; invitationId: 'invitation_id'; createdAt: 'created_at' }>,
  { status: 'pending' | 'approved' | 'declined' }
>;

const COLS = `id, campaign_id AS "campaignId", email, platform, handle, social_account_id AS "socialAccountId", pitch, status,
  invitation_id AS "invitationId", created_at AS "createdAt"`;

export interface PublicCampaign {
  id: string;
  brandName: string;
  name: string;
  brief: string;
  terms: string;
  perkTitle: string;
  perkDescription: string;
  claimDeadline: Date;
  disclosureRequired: boolean;
}

/**
 * Open campaigns: creators who were not invited apply on a public page; the brand approves (which issues an
 * ordinary invitation by email, so the claim path is the same) or declines.
 */
@Injectable()
export class CampaignApplicationService {
  constructor(
    private readonly scoped: BrandScopedSql,
    private readonly ds: DataSource,
    private readonly campaigns: CampaignRepository,
    private readonly invitations: InvitationService,
    private readonly metering: CampaignMetering,
  ) {}

  async publicCampaign(campaignId: string): Promise<PublicCampaign | null> {
    if (!/^\d{1,18}$/.test(campaignId)) return null;
    const row = await sqlOne<PublicCampaign>(
      this.ds.manager,
      `SELECT c.id, b.name AS "brandName", c.name, c.brief, c.terms, c.perk_title AS "perkTitle", c.perk_description AS "perkDescription",
              c.claim_deadline AS "claimDeadline", c.disclosure_required AS "disclosureRequired"
         FROM campaigns c JOIN brands b ON b.id = c.brand_id
        WHERE c.id = $1 AND c.open_to_applications AND c.status = 'active' AND c.claim_deadline > now()`,
      [campaignId],
    );
    return row ?? null;
  }

  async apply(campaignId: string, input: { email: string; platform: string; handle: string; pitch: string }): Promise<'received' | 'already'> {
    const campaign = await this.publicCampaign(campaignId);
    if (!campaign) throw CampaignsError.notFound('Open campaign', campaignId);
    const email = input.email.trim().toLowerCase();
    const handle = input.handle.trim().replace(/^@/, '');
    const platform = input.platform.trim().toLowerCase();
    const fields: Record<string, string> = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fields.email = 'Enter your email address, like name@example.com';
    if (!['twitter', 'bluesky', 'mastodon', 'instagram', 'tiktok', 'youtube', 'snap'].includes(platform)) fields.platform = 'Choose your platform';
    if (!/^[\w.\-@]{1,100}$/.test(handle)) fields.handle = 'Enter your handle, like @name';
    if ((input.pitch ?? '').length > 2000) fields.pitch = 'Keep it under 2000 characters';
    if (Object.keys(fields).length) throw CampaignsError.badInput('Some fields need attention.', { fields });
    const rows = await sqlRows(
      this.ds.manager,
      `INSERT INTO campaign_applications (brand_id, campaign_id, email, platform, handle, social_account_id, pitch)
       SELECT c.brand_id, c.id, $2, $3, $4, (SELECT id FROM social_accounts WHERE platform = $3 AND lower(handle) = lower($4) ORDER BY is_stub, id LIMIT 1), $5
         FROM campaigns c WHERE c.id = $1
       ON CONFLICT (campaign_id, platform, handle) DO NOTHING RETURNING id`,
      [campaignId, email, platform, handle, input.pitch ?? ''],
    );
    return rows.length ? 'received' : 'already';
  }

  async list(brandId: BrandId, campaignId: string): Promise<ApplicationRow[]> {
    await this.campaigns.findOrFail(brandId, campaignId);
    return this.scoped.rows<ApplicationRow>(brandId, `SELECT ${COLS} FROM campaign_applications WHERE brand_id = $1 AND campaign_id = $2 ORDER BY id`, [campaignId]);
  }

  /** Approving makes the applicant a contact (basis: they applied) and sends them an invitation. */
  async decide(brandId: BrandId, applicationId: string, approve: boolean): Promise<ApplicationRow> {
    if (!/^\d{1,18}$/.test(applicationId)) throw CampaignsError.notFound('Application', applicationId);
    const result = await this.ds.transaction(async (em) => {
      const app = await this.scoped.one<ApplicationRow>(brandId, `SELECT ${COLS} FROM campaign_applications WHERE brand_id = $1 AND id = $2 FOR UPDATE`, [applicationId], em);
      if (!app) throw CampaignsError.notFound('Application', applicationId);
      if (app.status !== 'pending') throw CampaignsError.conflict(`This application was already ${app.status}.`);
      if (!approve) {
        return { row: (await this.scoped.one<ApplicationRow>(brandId, `UPDATE campaign_applications SET status = 'declined', decided_at = now() WHERE brand_id = $1 AND id = $2 RETURNING ${COLS}`, [applicationId], em))!, invited: false };
      }
      const campaign = await this.campaigns.findOrFail(brandId, app.campaignId, em, true);
      if (campaign.status !== 'active') throw CampaignsError.conflict(`The campaign is ${campaign.status}; activate it before approving applications.`);
      if (await sqlOne(em, `SELECT 1 FROM mail_suppressions WHERE email = $1`, [app.email])) throw CampaignsError.conflict('This address asked not to be mailed; the applicant cannot be invited by email.');
      const contact = await this.scoped.one<{ id: string }>(
        brandId,
        `INSERT INTO influencer_contacts (brand_id, email, platform, handle, social_account_id, consent_basis, consent_note, source)
         VALUES ($1, $2, $3, $4, $5, 'applied', 'applied to campaign ' || $6, 'application')
         ON CONFLICT (brand_id, email) WHERE email IS NOT NULL DO UPDATE SET erased_at = NULL RETURNING id`, [app.email, app.platform, app.handle, app.socialAccountId, app.campaignId], em);
      const existing = await sqlOne<{ id: string }>(em, `SELECT id FROM invitations WHERE campaign_id = $1 AND contact_id = $2`, [app.campaignId, contact!.id]);
      const brandName = (await this.scoped.one<{ name: string }>(brandId, `SELECT name FROM brands WHERE id = $1`, [], em))!.name;
      const invitationId = existing?.id ?? (await this.invitations.createInvitation(em, campaign, brandName, contact!.id, app.email!));
      if (!existing) await this.metering.recordInvitations(brandId, 1, `campaign-application:${applicationId}`, em);
      const row = await this.scoped.one<ApplicationRow>(
        brandId,
        `UPDATE campaign_applications SET status = 'approved', decided_at = now(), invitation_id = $3 WHERE brand_id = $1 AND id = $2 RETURNING ${COLS}`, [applicationId, invitationId], em);
      return { row: row!, invited: !existing };
    });
    return result.row;
  }
}
