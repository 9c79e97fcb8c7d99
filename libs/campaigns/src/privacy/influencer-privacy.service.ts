import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, escapeHtml, MailOutbox } from '@renown/core';
import { hashClaimToken, looksLikeClaimToken, newClaimToken } from '../invitations/claim-token.js';
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
    private readonly outbox: MailOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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

  /**
   * The influencer asks Renown to delete their data (public page /privacy/delete). A confirmation link is
   * mailed; nothing is erased until it is followed, so nobody can erase someone else's data. Answers the
   * same whether or not the address is known.
   */
  async requestDeletion(emailInput: string): Promise<void> {
    const email = emailInput.trim().toLowerCase();
    if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(email)) throw CampaignsError.badInput('Enter your email address, like name@example.com');
    const { token, hash } = newClaimToken();
    await this.ds.transaction(async (em) => {
      // One confirmation per address per 10 minutes: the page cannot be used to flood someone's inbox.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('renown:deletion-request:' || $1))`, [email]);
      const [recent] = await em.query(`SELECT 1 FROM influencer_deletion_requests WHERE email = $1 AND created_at > now() - interval '10 minutes'`, [email]);
      if (recent) return;
      await em.query(`INSERT INTO influencer_deletion_requests (token_hash, email, expires_at) VALUES ($1, $2, now() + interval '2 days')`, [hash, email]);
      const url = `${this.config.PUBLIC_URL.replace(/\/$/, '')}/privacy/delete/${token}`;
      // Sent even to a suppressed address: the person asked for it, and it is not marketing.
      await this.outbox.enqueue(em, {
        kind: 'campaigns.deletion-confirm',
        to: email,
        dedupeKey: `deletion-request:${hash.toString('hex').slice(0, 32)}`,
        subject: 'Confirm: delete your data from Renown',
        text: `Someone (hopefully you) asked Renown to delete the data brands hold about ${email}: contact details, shipping addresses and applications.\n\nConfirm within 2 days: ${url}\n\nIf it was not you, ignore this message; nothing happens.`,
        html: `<p>Someone (hopefully you) asked Renown to delete the data brands hold about ${escapeHtml(email)}: contact details, shipping addresses and applications.</p><p><a href="${escapeHtml(url)}">Confirm the deletion</a> (within 2 days).</p><p>If it was not you, ignore this message; nothing happens.</p>`,
      });
    });
  }

  /** Confirms a deletion request: erases everywhere. Null for an unknown or expired link; idempotent once done. */
  async confirmDeletion(token: string): Promise<{ contactsErased: number } | null> {
    if (!looksLikeClaimToken(token)) return null;
    const [req] = await this.ds.query(
      `SELECT email, done_at AS "doneAt", contacts_erased AS "contactsErased" FROM influencer_deletion_requests WHERE token_hash = $1 AND expires_at > now()`,
      [hashClaimToken(token)],
    );
    if (!req) return null;
    if (req.doneAt) return { contactsErased: req.contactsErased };
    const erased = await this.eraseEverywhere(req.email);
    await this.ds.query(`UPDATE influencer_deletion_requests SET done_at = now(), contacts_erased = $2, email = 'erased@invalid' WHERE token_hash = $1`, [hashClaimToken(token), erased]);
    return { contactsErased: erased };
  }

  /** Erases an address across every brand. Returns how many contacts were erased. */
  async eraseEverywhere(email: string): Promise<number> {
    return this.ds.transaction(async (em) => {
      const rows = await sqlRows<{ id: string }>(em, `SELECT id FROM influencer_contacts WHERE email = $1 FOR UPDATE`, [email.trim()]);
      await em.query(`INSERT INTO mail_suppressions (email, reason) VALUES ($1, 'opted_out') ON CONFLICT (email) DO NOTHING`, [email.trim()]);
      await em.query(`DELETE FROM campaign_applications WHERE email = $1`, [email.trim()]);
      await em.query(`DELETE FROM creator_signups WHERE email = $1`, [email.trim()]);
      await em.query(`UPDATE mail_unsubscribe_tokens SET email = 'erased@invalid' WHERE email = $1`, [email.trim()]);
      await em.query(`UPDATE campaign_applications SET email = NULL WHERE email = $1`, [email.trim()]);
      await this.eraseContacts(em, rows.map((r) => r.id));
      return rows.length;
    });
  }
}
