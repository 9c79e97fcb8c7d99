import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export type SuppressionReason = 'unsubscribed' | 'bounced' | 'complained' | 'opted_out' | 'manual';

/**
 * Addresses nobody may mail, across all brands (unsubscribe links, bounces, opt-outs). Checked by the worker
 * right before each delivery, so a suppression added after queueing still wins.
 */
@Injectable()
export class MailSuppressions {
  constructor(private readonly db: DataSource) {}

  /** Idempotent; the first reason recorded is kept. */
  async add(email: string, reason: SuppressionReason, em: EntityManager = this.db.manager): Promise<void> {
    await em.query(`INSERT INTO mail_suppressions (email, reason) VALUES ($1, $2) ON CONFLICT (email) DO NOTHING`, [email.trim(), reason]);
  }

  async isSuppressed(email: string, em: EntityManager = this.db.manager): Promise<boolean> {
    const rows = await em.query(`SELECT 1 FROM mail_suppressions WHERE email = $1`, [email.trim()]);
    return rows.length > 0;
  }

  async remove(email: string, em: EntityManager = this.db.manager): Promise<void> {
    await em.query(`DELETE FROM mail_suppressions WHERE email = $1`, [email.trim()]);
  }
}
