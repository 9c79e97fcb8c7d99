import { Inject, Injectable } from '@nestjs/common';
import { asBrandId, type BrandId } from '@renown/accounts';
import { APP_CONFIG, type AppConfig, type As, logger, type Narrow, type RowOf } from '@renown/core';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { CampaignsError } from '../campaigns-error.js';
import { CampaignMetering } from '../campaigns/campaign-metering.js';
import { CampaignRepository } from '../campaigns/campaign.repository.js';
import type { CampaignRow, CampaignTargeting } from '../campaigns/campaign.types.js';
import { CampaignMailer } from '../mail/campaign-mailer.js';
import { renderInvitationMail, renderReminderMail } from '../mail/render-campaign-mail.js';
import { BrandScopedSql } from '../brand-scoped-sql.js';
import { sqlOne, sqlRows } from '../sql-rows.js';
import { newClaimToken } from './claim-token.js';
import { allocateSendSlots } from './send-slots.js';
import { type SkippedTarget, TargetingResolver } from './targeting.js';

export interface InviteResult {
  invited: number;
  invitationIds: string[];
  skipped: SkippedTarget[];
}

/** An invitation as INVITATION_COLUMNS reads it. */
export type InvitationRow = Narrow<
  RowOf<'invitations', 'id' | 'status'> &
    As<
      'invitations',
      {
        brandId: 'brand_id';
        campaignId: 'campaign_id';
        contactId: 'contact_id';
        expiresAt: 'expires_at';
        openedAt: 'opened_at';
        usedAt: 'used_at';
        revokedAt: 'revoked_at';
        remindedAt: 'reminded_at';
        createdAt: 'created_at';
      }
    >,
  { status: 'pending' | 'claimed' | 'declined' | 'revoked' }
>;

export const INVITATION_COLUMNS = `i.id, i.brand_id AS "brandId", i.campaign_id AS "campaignId", i.contact_id AS "contactId", i.status,
  i.expires_at AS "expiresAt", i.opened_at AS "openedAt", i.used_at AS "usedAt", i.revoked_at AS "revokedAt",
  i.reminded_at AS "remindedAt", i.created_at AS "createdAt"`;

/** Reminders go to those who have not answered, this long before the claim deadline. */
export const REMINDER_LEAD_HOURS = 48;

@Injectable()
export class InvitationService {
  constructor(
    private readonly scoped: BrandScopedSql,
    private readonly ds: DataSource,
    private readonly campaigns: CampaignRepository,
    private readonly targeting: TargetingResolver,
    private readonly mailer: CampaignMailer,
    private readonly metering: CampaignMetering,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  claimUrl(token: string) {
    return `${this.config.PUBLIC_URL.replace(/\/$/, '')}/claim/${token}`;
  }

  private async brandName(em: EntityManager, brandId: string): Promise<string> {
    return (await sqlOne<{ name: string }>(em, `SELECT name FROM brands WHERE id = $1`, [brandId]))?.name ?? 'A brand';
  }

  /**
   * Invites the targets to an active campaign. Each invitation and its outgoing mail are written in ONE
   * transaction (the outbox); the worker sends them at the brand's rate. Suppressed addresses, people
   * already invited and accounts without an email are skipped and reported.
   */
  async invite(brandId: BrandId, campaignId: string, target?: CampaignTargeting): Promise<InviteResult> {
    const result = await this.ds.transaction(async (em) => {
      const campaign = await this.campaigns.findOrFail(brandId, campaignId, em, true);
      if (campaign.status !== 'active') throw CampaignsError.conflict(`Invitations go out only for an active campaign; this one is ${campaign.status}. Activate it first.`);
      if (campaign.endsAt && campaign.endsAt.getTime() <= Date.now()) throw CampaignsError.conflict('This campaign has reached its end date: it no longer takes invitations.');
      if (campaign.claimDeadline.getTime() <= Date.now()) throw CampaignsError.conflict('The claim deadline has passed: move it into the future to invite more people.');
      const { targets, skipped } = await this.targeting.resolve(em, brandId, target ?? campaign.targeting);
      const fresh: typeof targets = [];
      for (const t of targets) {
        const suppressed = await sqlOne(em, `SELECT 1 FROM mail_suppressions WHERE email = $1`, [t.email]);
        const already = await sqlOne(em, `SELECT 1 FROM invitations WHERE campaign_id = $1 AND contact_id = $2`, [campaignId, t.contactId]);
        if (suppressed) skipped.push({ ref: `contact:${t.contactId}`, reason: 'this address asked not to be mailed (unsubscribed, bounced or opted out)' });
        else if (already) skipped.push({ ref: `contact:${t.contactId}`, reason: 'already invited to this campaign' });
        else fresh.push(t);
      }
      const slots = await allocateSendSlots(em, brandId, fresh.length);
      const brandName = await this.brandName(em, brandId);
      const ids: string[] = [];
      for (const [i, t] of fresh.entries()) {
        const id = await this.createInvitation(em, campaign, brandName, t.contactId, t.email, slots[i]);
        ids.push(id);
      }
      // Counted in this transaction: past the plan's limit the whole batch rolls back (QUOTA_EXCEEDED).
      await this.metering.recordInvitations(brandId, ids.length, `campaign-invitations:${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 32)}`, em);
      return { invited: ids.length, invitationIds: ids, skipped };
    });
    return result;
  }

  /** Used by invite() and by application approval; must run inside the caller's transaction. */
  async createInvitation(em: EntityManager, campaign: CampaignRow, brandName: string, contactId: string, email: string, notBefore?: Date): Promise<string> {
    const inv = await sqlOne<{ id: string }>(
      em,
      `INSERT INTO invitations (brand_id, campaign_id, contact_id, expires_at, mail_queued_at) VALUES ($1, $2, $3, $4, now()) RETURNING id`,
      [campaign.brandId, campaign.id, contactId, campaign.claimDeadline],
    );
    const { token, hash } = newClaimToken();
    await em.query(`INSERT INTO invitation_links (token_hash, invitation_id, purpose) VALUES ($1, $2, 'invitation')`, [hash, inv!.id]);
    await this.mailer.enqueue(em, {
      kind: 'campaigns.invitation',
      brandId: campaign.brandId,
      to: email,
      dedupeKey: `campaign-invitation:${inv!.id}`,
      notBefore,
      render: (unsubscribeUrl) =>
        renderInvitationMail({
          brandName,
          campaignName: campaign.name,
          perkTitle: campaign.perkTitle,
          brief: campaign.brief,
          claimUrl: this.claimUrl(token),
          claimDeadline: campaign.claimDeadline,
          unsubscribeUrl,
          disclosureRequired: campaign.disclosureRequired,
        }),
    });
    return inv!.id;
  }

  async list(brandId: BrandId, campaignId: string): Promise<(InvitationRow & { email: string | null; handle: string | null })[]> {
    await this.campaigns.findOrFail(brandId, campaignId);
    return this.scoped.rows(
      brandId,
      `SELECT ${INVITATION_COLUMNS}, c.email, c.handle FROM invitations i JOIN influencer_contacts c ON c.id = i.contact_id
        WHERE i.brand_id = $1 AND i.campaign_id = $2 ORDER BY i.id`, [campaignId]);
  }

  async revoke(brandId: BrandId, invitationId: string): Promise<InvitationRow> {
    if (!/^\d{1,18}$/.test(invitationId)) throw CampaignsError.notFound('Invitation', invitationId);
    const row = await this.scoped.one<InvitationRow>(
      brandId,
      `UPDATE invitations i SET status = 'revoked', revoked_at = now() WHERE i.brand_id = $1 AND i.id = $2 AND i.status = 'pending' RETURNING ${INVITATION_COLUMNS}`, [invitationId]);
    if (row) return row;
    const existing = await this.scoped.one<InvitationRow>(brandId, `SELECT ${INVITATION_COLUMNS} FROM invitations i WHERE i.brand_id = $1 AND i.id = $2`, [invitationId]);
    if (!existing) throw CampaignsError.notFound('Invitation', invitationId);
    throw CampaignsError.conflict(`This invitation is already ${existing.status} and can no longer be revoked.`);
  }

  /**
   * Cron: one reminder, before the deadline, to each invitee who has neither claimed nor declined. Each
   * reminder carries a new link to the same invitation (only hashes are stored, so the first link cannot
   * be re-sent). Idempotent: reminded_at is set in the same transaction as the queued mail.
   */
  async sendDueReminders(now = new Date()): Promise<number> {
    const due = await sqlRows<{ id: string; brandId: string }>(
      this.ds.manager,
      `SELECT i.id, i.brand_id AS "brandId" FROM invitations i JOIN campaigns c ON c.id = i.campaign_id
        WHERE i.status = 'pending' AND i.reminded_at IS NULL AND c.status = 'active'
          AND i.expires_at > $1 AND i.expires_at <= $1 + make_interval(hours => $2)
          AND i.created_at <= $1 - interval '12 hours'
        ORDER BY i.id LIMIT 1000`,
      [now, REMINDER_LEAD_HOURS],
    );
    let sent = 0;
    for (const { id, brandId } of due) {
      await this.ds.transaction(async (em) => {
        const inv = await sqlOne<{ id: string; campaignId: string; email: string | null }>(
          em,
          `SELECT i.id, i.campaign_id AS "campaignId", c.email FROM invitations i JOIN influencer_contacts c ON c.id = i.contact_id
            WHERE i.id = $1 AND i.status = 'pending' AND i.reminded_at IS NULL FOR UPDATE OF i`,
          [id],
        );
        if (!inv || !inv.email) return;
        const campaign = await this.campaigns.findOrFail(asBrandId(brandId), inv.campaignId, em);
        const { token, hash } = newClaimToken();
        await em.query(`INSERT INTO invitation_links (token_hash, invitation_id, purpose) VALUES ($1, $2, 'reminder')`, [hash, inv.id]);
        await em.query(`UPDATE invitations SET reminded_at = now() WHERE id = $1`, [inv.id]);
        const [slot] = await allocateSendSlots(em, brandId, 1);
        const brandName = await this.brandName(em, brandId);
        const queued = await this.mailer.enqueue(em, {
          kind: 'campaigns.reminder',
          brandId,
          to: inv.email,
          dedupeKey: `campaign-reminder:${inv.id}`,
          notBefore: slot,
          render: (unsubscribeUrl) =>
            renderReminderMail({
              brandName, campaignName: campaign.name, perkTitle: campaign.perkTitle, brief: campaign.brief,
              claimUrl: this.claimUrl(token), claimDeadline: campaign.claimDeadline, unsubscribeUrl, disclosureRequired: campaign.disclosureRequired,
            }),
        });
        if (queued) sent++;
      });
    }
    if (sent) logger.info({ sent }, 'campaign reminders queued');
    return sent;
  }
}
