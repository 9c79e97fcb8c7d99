import { Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import { type As, ErrorCode, type Narrow, type RowOf } from '@renown/core';
import { DataSource, type EntityManager } from 'typeorm';
import { CampaignsError } from '../campaigns-error.js';
import { hashClaimToken, looksLikeClaimToken } from '../invitations/claim-token.js';
import { CampaignMailer } from '../mail/campaign-mailer.js';
import { renderClaimConfirmationMail, renderShippedMail } from '../mail/render-campaign-mail.js';
import { BrandScopedSql } from '../brand-scoped-sql.js';
import { sqlOne, sqlRows } from '../sql-rows.js';
import type { ClaimLinkView, ClaimOutcome, LinkState, ShippingAddress } from './claim.types.js';
import { validateShippingAddress } from './validate-shipping-address.js';

/** What LINK_SELECT reads: the invitation, its brand's name, its contact, its campaign (`c` is built by json_build_object). */
type LinkRow = Narrow<
  As<'invitations', { invitationId: 'id'; brandId: 'brand_id'; campaignId: 'campaign_id'; contactId: 'contact_id'; expiresAt: 'expires_at'; usedAt: 'used_at'; openedAt: 'opened_at' }> &
    RowOf<'invitations', 'status'> &
    As<'brands', { brandName: 'name' }> &
    RowOf<'influencer_contacts', 'email'> &
    As<'influencer_contacts', { socialAccountId: 'social_account_id' }> &
    RowOf<'campaigns', 'quantity'> &
    As<'campaigns', { campaignStatus: 'status'; startsAt: 'starts_at'; endsAt: 'ends_at'; claimedCount: 'claimed_count'; limitPerPerson: 'limit_per_person' }>,
  { status: 'pending' | 'claimed' | 'declined' | 'revoked' }
> & { c: ClaimLinkView['campaign'] & { perkKind: 'physical' | 'code' | 'digital' } };

const LINK_SELECT = `
  SELECT i.id AS "invitationId", i.brand_id AS "brandId", b.name AS "brandName", i.campaign_id AS "campaignId",
         i.contact_id AS "contactId", ct.email, ct.social_account_id AS "socialAccountId", i.status, i.expires_at AS "expiresAt",
         i.used_at AS "usedAt", i.opened_at AS "openedAt", c.status AS "campaignStatus", c.starts_at AS "startsAt", c.ends_at AS "endsAt", c.quantity, c.claimed_count AS "claimedCount",
         c.limit_per_person AS "limitPerPerson",
         json_build_object('id', c.id::text, 'name', c.name, 'brief', c.brief, 'terms', c.terms, 'perkKind', c.perk_kind,
           'perkTitle', c.perk_title, 'perkDescription', c.perk_description, 'perkInstructions', c.perk_instructions,
           'perkVariants', c.perk_variants, 'shipsToCountries', c.ships_to_countries, 'claimDeadline', c.claim_deadline, 'startsAt', c.starts_at,
           'expectedHashtags', c.expected_hashtags, 'expectedMentions', c.expected_mentions,
           'disclosureRequired', c.disclosure_required, 'unitsLeft', c.quantity - c.claimed_count) AS c
    FROM invitation_links l
    JOIN invitations i ON i.id = l.invitation_id
    JOIN campaigns c ON c.id = i.campaign_id
    JOIN brands b ON b.id = i.brand_id
    JOIN influencer_contacts ct ON ct.id = i.contact_id
   WHERE l.token_hash = $1`;

export class ClaimRefused extends CampaignsError {
  constructor(readonly state: LinkState, message: string) {
    super(ErrorCode.CONFLICT, message, { state });
  }
}

export interface AcceptInput {
  variant?: string | null;
  address?: Partial<ShippingAddress> | null;
}

@Injectable()
export class ClaimService {
  constructor(
    private readonly scoped: BrandScopedSql,
    private readonly ds: DataSource,
    private readonly mailer: CampaignMailer,
  ) {}

  private stateOf(row: LinkRow, now: Date): LinkState {
    if (row.status === 'revoked') return 'revoked';
    if (row.status === 'claimed') return 'used';
    if (row.status === 'declined') return 'declined';
    if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
    if (row.campaignStatus !== 'active' || (row.endsAt && row.endsAt.getTime() <= now.getTime())) return 'closed';
    if (row.startsAt && row.startsAt.getTime() > now.getTime()) return 'not_started';
    if (row.claimedCount >= row.quantity) return 'sold_out';
    return 'valid';
  }

  private toView(row: LinkRow, state: LinkState): ClaimLinkView {
    const c = row.c!;
    return { state, invitationId: row.invitationId, brandName: row.brandName, usedAt: row.usedAt, campaign: { ...c, claimDeadline: new Date(c.claimDeadline as unknown as string), startsAt: c.startsAt ? new Date(c.startsAt as unknown as string) : null } };
  }

  private async findLink(em: EntityManager, token: string, lock: boolean): Promise<LinkRow | undefined> {
    if (!looksLikeClaimToken(token)) return undefined;
    return sqlOne<LinkRow>(em, `${LINK_SELECT}${lock ? ' FOR UPDATE OF i' : ''}`, [hashClaimToken(token)]);
  }

  /** What the link opens; the first open is recorded for the report ("opened the link"). */
  async open(token: string, now = new Date()): Promise<ClaimLinkView> {
    const row = await this.findLink(this.ds.manager, token, false);
    if (!row) return { state: 'unknown' };
    if (!row.openedAt) await this.ds.query(`UPDATE invitations SET opened_at = now() WHERE id = $1 AND opened_at IS NULL`, [row.invitationId]);
    return this.toView(row, this.stateOf(row, now));
  }

  /**
   * Accepts the perk. Exactly-once and never oversold:
   *  - the invitation row is locked, so a double submit waits and then finds it claimed (one claim);
   *  - units are taken by a guarded increment (claimed_count < quantity) on the campaign row;
   *  - a code is taken with FOR UPDATE SKIP LOCKED and bound to the claim by a UNIQUE column.
   */
  async accept(token: string, input: AcceptInput, now = new Date()): Promise<ClaimOutcome> {
    return this.ds.transaction(async (em) => {
      const row = await this.findLink(em, token, true);
      if (!row) throw new ClaimRefused('unknown', 'This claim link is not valid.');
      if (row.status === 'claimed') {
        const existing = await sqlOne<{ id: string; code: string | null; variant: string | null }>(
          em,
          `SELECT cl.id, cc.code, cl.variant FROM claims cl LEFT JOIN campaign_codes cc ON cc.claim_id = cl.id WHERE cl.invitation_id = $1`,
          [row.invitationId],
        );
        return { claimId: existing!.id, created: false, code: existing!.code, variant: existing!.variant, view: this.toView(row, 'used') };
      }
      const state = this.stateOf(row, now);
      if (state !== 'valid' && state !== 'sold_out') throw new ClaimRefused(state, `This link cannot be used: ${state}.`);
      const c = row.c!;
      let variant: string | null = null;
      let address: ShippingAddress | null = null;
      if (c.perkKind === 'physical') {
        if (c.perkVariants.length) {
          if (!input.variant || !c.perkVariants.includes(input.variant)) throw CampaignsError.badInput('Choose one of the options offered.', { fields: { variant: 'Choose an option' } });
          variant = input.variant;
        }
        const problems = validateShippingAddress(input.address ?? {}, c.shipsToCountries);
        if (Object.keys(problems).length) throw CampaignsError.badInput('Some address fields need attention.', { fields: problems });
        const a = input.address!;
        address = { name: a.name!.trim(), line1: a.line1!.trim(), line2: a.line2?.trim() || null, city: a.city!.trim(), region: a.region?.trim() || null, postalCode: a.postalCode!.trim(), country: a.country!.trim().toUpperCase() };
      }
      const person = await sqlOne<{ n: number }>(
        em,
        `SELECT count(*)::int AS n FROM claims cl JOIN influencer_contacts ct ON ct.id = cl.contact_id
          WHERE cl.campaign_id = $1 AND (ct.email = $2 OR (ct.social_account_id IS NOT NULL AND ct.social_account_id = $3))`,
        [row.campaignId, row.email, row.socialAccountId],
      );
      if (person!.n >= row.limitPerPerson) throw new ClaimRefused('limit_reached', `This perk is limited to ${row.limitPerPerson} per person, and you have already claimed it.`);
      const took = await sqlRows(
        em,
        `UPDATE campaigns SET claimed_count = claimed_count + 1 WHERE id = $1 AND status = 'active' AND claimed_count < quantity RETURNING id`,
        [row.campaignId],
      );
      if (!took.length) throw new ClaimRefused('sold_out', 'All units of this perk have been claimed.');
      const claim = await sqlOne<{ id: string }>(
        em,
        `INSERT INTO claims (brand_id, campaign_id, invitation_id, contact_id, variant, shipping_address) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [row.brandId, row.campaignId, row.invitationId, row.contactId, variant, address ? JSON.stringify(address) : null],
      );
      let code: string | null = null;
      if (c.perkKind === 'code') {
        const got = await sqlRows<{ code: string }>(
          em,
          `UPDATE campaign_codes SET claim_id = $2, assigned_at = now()
            WHERE id = (SELECT id FROM campaign_codes WHERE campaign_id = $1 AND claim_id IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING code`,
          [row.campaignId, claim!.id],
        );
        if (!got.length) throw new ClaimRefused('sold_out', 'All codes of this perk have been given out.');
        code = got[0].code;
      }
      await em.query(`UPDATE invitations SET status = 'claimed', used_at = now(), opened_at = coalesce(opened_at, now()) WHERE id = $1`, [row.invitationId]);
      if (row.email) {
        await this.mailer.enqueue(em, {
          kind: 'campaigns.claim-confirmation',
          brandId: row.brandId,
          to: row.email,
          dedupeKey: `campaign-claim-confirmation:${claim!.id}`,
          render: (unsubscribeUrl) =>
            renderClaimConfirmationMail({
              brandName: row.brandName, campaignName: c.name, perkTitle: c.perkTitle, code, variant, instructions: c.perkInstructions,
              disclosureRequired: c.disclosureRequired, expectedTags: [...c.expectedHashtags.map((h) => `#${h}`), ...c.expectedMentions.map((m) => `@${m}`)], unsubscribeUrl,
            }),
        });
      }
      return { claimId: claim!.id, created: true, code, variant, view: this.toView({ ...row, claimedCount: row.claimedCount + 1, usedAt: now }, 'used') };
    });
  }

  /** Declines the perk; the link then works no more. Declining twice is harmless. */
  async decline(token: string, now = new Date()): Promise<ClaimLinkView> {
    return this.ds.transaction(async (em) => {
      const row = await this.findLink(em, token, true);
      if (!row) throw new ClaimRefused('unknown', 'This claim link is not valid.');
      if (row.status === 'declined') return this.toView(row, 'declined');
      const state = this.stateOf(row, now);
      if (state !== 'valid' && state !== 'sold_out' && state !== 'closed' && state !== 'not_started') throw new ClaimRefused(state, `This link cannot be used: ${state}.`);
      await em.query(`UPDATE invitations SET status = 'declined', used_at = now(), opened_at = coalesce(opened_at, now()) WHERE id = $1`, [row.invitationId]);
      return this.toView({ ...row, usedAt: now }, 'declined');
    });
  }

  /** Fulfilment: the brand ships a physical perk; the influencer gets the carrier and tracking number. */
  async markShipped(brandId: BrandId, claimId: string, carrier: string, trackingNumber: string) {
    if (!/^\d{1,18}$/.test(claimId)) throw CampaignsError.notFound('Claim', claimId);
    if (!carrier.trim() || !trackingNumber.trim()) throw CampaignsError.badInput('Give the carrier and the tracking number.');
    return this.ds.transaction(async (em) => {
      const claim = await this.scoped.one<{ id: string; status: string; perkKind: string; perkTitle: string; email: string | null; brandName: string; erasedAt: Date | null }>(
        brandId,
        `SELECT cl.id, cl.status, c.perk_kind AS "perkKind", c.perk_title AS "perkTitle", ct.email, b.name AS "brandName", cl.erased_at AS "erasedAt"
           FROM claims cl JOIN campaigns c ON c.id = cl.campaign_id JOIN influencer_contacts ct ON ct.id = cl.contact_id JOIN brands b ON b.id = cl.brand_id
          WHERE cl.brand_id = $1 AND cl.id = $2 FOR UPDATE OF cl`, [claimId], em);
      if (!claim) throw CampaignsError.notFound('Claim', claimId);
      if (claim.perkKind !== 'physical') throw CampaignsError.badInput('Only a physical perk is shipped.');
      if (claim.erasedAt) throw CampaignsError.conflict('The influencer asked for their data to be deleted; this claim can no longer be fulfilled.');
      await em.query(`UPDATE claims SET status = 'shipped', carrier = $3, tracking_number = $4, shipped_at = now() WHERE brand_id = $1 AND id = $2`, [brandId, claimId, carrier.trim(), trackingNumber.trim()]);
      if (claim.email) {
        await this.mailer.enqueue(em, {
          kind: 'campaigns.shipped',
          brandId,
          to: claim.email,
          dedupeKey: `campaign-shipped:${claimId}:${trackingNumber.trim()}`,
          render: (unsubscribeUrl) => renderShippedMail({ brandName: claim.brandName, perkTitle: claim.perkTitle, carrier: carrier.trim(), trackingNumber: trackingNumber.trim(), unsubscribeUrl }),
        });
      }
      return claimId;
    });
  }
}
