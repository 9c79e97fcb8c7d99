import { Injectable } from '@nestjs/common';
import { type BrandId, BrandScopedRepository } from '@renown/accounts';
import type { EntityManager } from 'typeorm';
import type { DigestPeriod } from './alert-settings.repository.js';

export interface UndigestedEventRow {
  id: string;
  type: 'mention' | 'follow';
  actor_platform: string;
  actor_handle: string | null;
  actor_display_name: string | null;
  actor_score: number;
  brand_handle: string | null;
  occurred_at: Date | null;
}

/** Digest bookkeeping of one brand: when the last one went out, which alerts wait, who receives them. */
@Injectable()
export class AlertDigestsRepository extends BrandScopedRepository {
  async sentWithin(brandId: BrandId, period: DigestPeriod, em: EntityManager): Promise<boolean> {
    const rows = await this.query(
      brandId,
      `SELECT 1 FROM brand_alert_digests WHERE brand_id = $1 AND created_at > now() - $2::interval LIMIT 1`,
      [period === 'hourly' ? '1 hour' : '1 day'],
      em,
    );
    return rows.length > 0;
  }

  undigested(brandId: BrandId, em: EntityManager): Promise<UndigestedEventRow[]> {
    return this.query<UndigestedEventRow>(
      brandId,
      `SELECT e.id, e.type, a.platform AS actor_platform, a.handle AS actor_handle, a.display_name AS actor_display_name, e.actor_score,
              b.handle AS brand_handle, e.occurred_at
         FROM brand_alert_events e
         JOIN social_accounts a ON a.id = e.actor_account_id
         JOIN social_accounts b ON b.id = e.brand_account_id
        WHERE e.brand_id = $1 AND e.digest_id IS NULL
        ORDER BY e.detected_at, e.interaction_id
        FOR UPDATE OF e`,
      [],
      em,
    );
  }

  /** People of the brand with a confirmed address. */
  recipients(brandId: BrandId, em: EntityManager): Promise<Array<{ user_id: string; email: string }>> {
    return this.query(
      brandId,
      `SELECT u.id AS user_id, u.email FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.brand_id = $1 AND u.email_verified_at IS NOT NULL ORDER BY u.email`,
      [],
      em,
    );
  }

  async brandName(brandId: BrandId, em: EntityManager): Promise<string> {
    const [row] = await this.query<{ name: string }>(brandId, `SELECT name FROM brands WHERE id = $1`, [], em);
    return row?.name ?? 'your brand';
  }

  async create(brandId: BrandId, eventIds: string[], recipientCount: number, em: EntityManager): Promise<string> {
    const [digest] = await this.query<{ id: string }>(
      brandId,
      `INSERT INTO brand_alert_digests (brand_id, event_count, recipient_count) VALUES ($1, $2, $3) RETURNING id`,
      [eventIds.length, recipientCount],
      em,
    );
    await this.query(brandId, `UPDATE brand_alert_events SET digest_id = $2 WHERE brand_id = $1 AND id = ANY($3::uuid[])`, [digest.id, eventIds], em);
    return digest.id;
  }
}
