import { Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import { DataSource, type EntityManager } from 'typeorm';
import { CampaignsError } from '../campaigns-error.js';
import { BrandScopedSql } from '../brand-scoped-sql.js';
import { sqlRows } from '../sql-rows.js';

/**
 * Deletion requests. Personal data (email, handle, name, shipping address, applications) is removed; the
 * rows that make up a campaign's counts (invitations, claims, linked posts) stay, anonymous, so reports keep
 * their totals. The address is also suppressed, so no brand mails it again.
 */
@Injectable()
export class InfluencerPrivacyService {
  constructor(
    private readonly ds: DataSource,
    private readonly scoped: BrandScopedSql,
  ) {}

  private async eraseContacts(em: EntityManager, contactIds: string[]) {
    if (!contactIds.length) return;
    await em.query(
      `UPDATE claims SET shipping_address = NULL, variant = NULL, erased_at = now() WHERE contact_id = ANY($1::bigint[])`,
      [contactIds],
    );
    await em.query(
      `UPDATE influencer_contacts SET email = NULL, handle = NULL, display_name = NULL, consent_note = NULL, erased_at = now() WHERE id = ANY($1::bigint[])`,
      [contactIds],
    );
  }

  /** A brand erases one of its contacts (the influencer asked that brand). */
  async eraseContactForBrand(brandId: BrandId, contactId: string): Promise<boolean> {
    if (!/^\d{1,18}$/.test(contactId)) throw CampaignsError.notFound('Contact', contactId);
    return this.ds.transaction(async (em) => {
      const rows = await this.scoped.rows<{ id: string; email: string | null }>(brandId, `SELECT id, email FROM influencer_contacts WHERE brand_id = $1 AND id = $2 FOR UPDATE`, [contactId], em);
      if (!rows.length) throw CampaignsError.notFound('Contact', contactId);
      if (rows[0].email) await em.query(`INSERT INTO mail_suppressions (email, reason) VALUES ($1, 'opted_out') ON CONFLICT (email) DO NOTHING`, [rows[0].email]);
      await em.query(`DELETE FROM campaign_applications WHERE brand_id = $1 AND email = $2`, [brandId, rows[0].email]);
      await this.eraseContacts(em, [contactId]);
      return true;
    });
  }

  /** The influencer's own request, across every brand (operator tool / CLI). Returns how many contacts were erased. */
  async eraseEverywhere(email: string): Promise<number> {
    return this.ds.transaction(async (em) => {
      const rows = await sqlRows<{ id: string }>(em, `SELECT id FROM influencer_contacts WHERE email = $1 FOR UPDATE`, [email.trim()]);
      await em.query(`INSERT INTO mail_suppressions (email, reason) VALUES ($1, 'opted_out') ON CONFLICT (email) DO NOTHING`, [email.trim()]);
      await em.query(`DELETE FROM campaign_applications WHERE email = $1`, [email.trim()]);
      await em.query(`DELETE FROM creator_signups WHERE email = $1`, [email.trim()]);
      await em.query(`UPDATE mail_unsubscribe_tokens SET email = 'erased@invalid' WHERE email = $1`, [email.trim()]);
      await this.eraseContacts(em, rows.map((r) => r.id));
      return rows.length;
    });
  }
}
