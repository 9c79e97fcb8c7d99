import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, MailOutbox, MailSuppressions } from '@renown/core';
import { randomBytes, createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { RenderedMail } from './render-campaign-mail.js';

export interface CampaignMessage {
  kind: 'campaigns.creator-verify' | 'campaigns.invitation' | 'campaigns.reminder' | 'campaigns.claim-confirmation' | 'campaigns.shipped' | 'campaigns.disclosure-reminder' | 'campaigns.application-received';
  /** null for mail Renown sends on its own behalf (creator sign-up). */
  brandId: string | null;
  to: string;
  dedupeKey: string;
  /** Bulk mail (invitations, reminders) waits for its slot in the brand's sending rate. */
  notBefore?: Date;
  render: (unsubscribeUrl: string) => RenderedMail;
}

/**
 * Campaign mail goes through the shared outbox (MailOutbox, in the caller's transaction). This adds what
 * marketing mail needs on top: a fresh one-click unsubscribe link per message (RFC 8058 List-Unsubscribe
 * and List-Unsubscribe-Post headers, and the link in both bodies), and a refusal to even queue mail for a
 * suppressed address (the worker checks again right before sending).
 */
@Injectable()
export class CampaignMailer {
  constructor(
    private readonly outbox: MailOutbox,
    private readonly suppressions: MailSuppressions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Returns false when the address is suppressed or the message (by dedupeKey) was already queued. */
  async enqueue(em: EntityManager, m: CampaignMessage): Promise<boolean> {
    if (await this.suppressions.isSuppressed(m.to, em)) return false;
    const token = randomBytes(32).toString('base64url');
    await em.query(`INSERT INTO mail_unsubscribe_tokens (token_hash, email, brand_id) VALUES ($1, $2, $3)`, [createHash('sha256').update(token).digest(), m.to, m.brandId]);
    const unsubscribeUrl = `${this.config.PUBLIC_URL.replace(/\/$/, '')}/unsubscribe/${token}`;
    const rendered = m.render(unsubscribeUrl);
    const id = await this.outbox.enqueue(em, {
      kind: m.kind,
      brandId: m.brandId,
      to: m.to,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      dedupeKey: m.dedupeKey,
      notBefore: m.notBefore,
      headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
    return id !== null;
  }
}
