import { Injectable } from '@nestjs/common';
import { type BrandId, BrandScopedRepository } from '@renown/accounts';

export interface AlertEventRow {
  id: string;
  type: 'mention' | 'follow';
  actor_account_id: string;
  actor_platform: string;
  actor_handle: string | null;
  actor_display_name: string | null;
  actor_score: number;
  brand_account_id: string;
  brand_handle: string | null;
  post_id: string | null;
  occurred_at: Date | null;
  detected_at: Date;
  digested_at: Date | null;
  webhook_status: string | null;
  webhook_attempts: number | null;
}

/** The alerts a brand received, newest first, with what became of their digest and webhook. */
@Injectable()
export class AlertEventsRepository extends BrandScopedRepository {
  recent(brandId: BrandId, limit: number): Promise<AlertEventRow[]> {
    return this.query<AlertEventRow>(
      brandId,
      `SELECT e.id, e.type, e.actor_account_id::text, a.platform AS actor_platform, a.handle AS actor_handle, a.display_name AS actor_display_name,
              e.actor_score, e.brand_account_id::text, b.handle AS brand_handle, e.post_id::text, e.occurred_at, e.detected_at,
              d.created_at AS digested_at, w.status AS webhook_status, w.attempts AS webhook_attempts
         FROM brand_alert_events e
         JOIN social_accounts a ON a.id = e.actor_account_id
         JOIN social_accounts b ON b.id = e.brand_account_id
         LEFT JOIN brand_alert_digests d ON d.id = e.digest_id
         LEFT JOIN brand_webhook_deliveries w ON w.event_id = e.id
        WHERE e.brand_id = $1
        ORDER BY e.detected_at DESC, e.interaction_id DESC LIMIT $2`,
      [limit],
    );
  }
}
