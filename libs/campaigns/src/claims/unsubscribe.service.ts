import { Injectable } from '@nestjs/common';
import { MailSuppressions } from '@renown/core';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { sqlOne } from '../sql-rows.js';

@Injectable()
export class UnsubscribeService {
  constructor(
    private readonly ds: DataSource,
    private readonly suppressions: MailSuppressions,
  ) {}

  private hash(token: string) {
    return /^[A-Za-z0-9_-]{43}$/.test(token) ? createHash('sha256').update(token).digest() : null;
  }

  async isKnown(token: string): Promise<boolean> {
    const h = this.hash(token);
    return Boolean(h && (await sqlOne(this.ds.manager, `SELECT 1 FROM mail_unsubscribe_tokens WHERE token_hash = $1`, [h])));
  }

  /** Suppresses the address for every brand; returns it, or null for an unknown link. Idempotent. */
  async unsubscribe(token: string): Promise<string | null> {
    const h = this.hash(token);
    if (!h) return null;
    return this.ds.transaction(async (em) => {
      const row = await sqlOne<{ email: string }>(em, `UPDATE mail_unsubscribe_tokens SET used_at = coalesce(used_at, now()) WHERE token_hash = $1 RETURNING email`, [h]);
      if (!row) return null;
      await this.suppressions.add(row.email, 'unsubscribed', em);
      return row.email;
    });
  }
}
