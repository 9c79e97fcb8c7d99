import type { EntityManager } from 'typeorm';
import { sqlOne } from '../sql-rows.js';

/**
 * Allocates `n` send slots for a brand's bulk mail at its per-minute rate and returns their times. The
 * brand's row is locked by the upsert, so concurrent invitation batches get consecutive, non-overlapping
 * slots.
 */
export async function allocateSendSlots(em: EntityManager, brandId: string, n: number): Promise<Date[]> {
  if (n <= 0) return [];
  const row = await sqlOne<{ first: Date; per_minute: number }>(
    em,
    `INSERT INTO campaign_mail_rate (brand_id, next_slot_at) VALUES ($1, now())
     ON CONFLICT (brand_id) DO UPDATE SET next_slot_at = greatest(campaign_mail_rate.next_slot_at, now())
     RETURNING next_slot_at AS first, per_minute`,
    [brandId],
  );
  const stepMs = 60_000 / row!.per_minute;
  const first = row!.first.getTime();
  const slots = Array.from({ length: n }, (_, i) => new Date(first + i * stepMs));
  await em.query(`UPDATE campaign_mail_rate SET next_slot_at = $2 WHERE brand_id = $1`, [brandId, new Date(first + n * stepMs)]);
  return slots;
}
