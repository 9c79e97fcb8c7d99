import { Injectable } from '@nestjs/common';
import type { RowOf } from '@renown/core';
import type { EntityManager } from 'typeorm';

/** billing_stripe_events: the Stripe events already applied, written in the transaction of their effect. */
@Injectable()
export class StripeEventRepository {
  /**
   * Claims the event for this transaction. False when it was already applied (a replay or a duplicate
   * delivery); a concurrent delivery of the same event waits here until the first commits, then sees it.
   */
  async claim(db: EntityManager, event: { id: string; type: string; created: number }): Promise<boolean> {
    const rows: Array<RowOf<'billing_stripe_events', 'event_id'>> = await db.query(
      `INSERT INTO billing_stripe_events (event_id, type, stripe_created_at, outcome) VALUES ($1, $2, to_timestamp($3), 'processing')
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [event.id, event.type, event.created],
    );
    return rows.length === 1;
  }

  async finish(db: EntityManager, eventId: string, outcome: string, brandId: string | null) {
    await db.query(`UPDATE billing_stripe_events SET outcome = $2, brand_id = $3 WHERE event_id = $1`, [eventId, outcome, brandId]);
  }
}
