import { Injectable } from '@nestjs/common';
import { type BrandId, BrandScopedRepository } from '@renown/accounts';
import type { As, Narrow, Nullable, RowOf } from '@renown/core';

/** An alert event with its actor, the brand's account, and its digest and webhook delivery (LEFT JOINs). */
export type AlertEventRow = Narrow<
  RowOf<'brand_alert_events', 'id' | 'type' | 'actor_account_id' | 'actor_score' | 'brand_account_id' | 'post_id' | 'occurred_at' | 'detected_at'>,
  { type: 'mention' | 'follow' }
> &
  As<'social_accounts', { actor_platform: 'platform'; actor_handle: 'handle'; actor_display_name: 'display_name'; brand_handle: 'handle' }> &
  Nullable<As<'brand_alert_digests', { digested_at: 'created_at' }>> &
  Nullable<As<'brand_webhook_deliveries', { webhook_status: 'status'; webhook_attempts: 'attempts' }>>;

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
