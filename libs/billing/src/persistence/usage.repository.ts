import { Injectable } from '@nestjs/common';
import { type BrandId, BrandScopedRepository } from '@renown/accounts';
import { DataSource, type EntityManager } from 'typeorm';
import type { MeteredMetric } from '../config/plans.js';

/**
 * Counts one action in one statement: claims its idempotency key and, only when the key is new, adds to the
 * month's counter, within the limit when there is one. ($1 brand, $2 metric, $3 key, $4 period, $5 quantity,
 * $6 limit or null.) `claimed` is false when the key was counted before; `used` is the new total, or null when
 * nothing was added (a repeated key, or over the limit: the claim then stands until the caller rolls back).
 */
export const COUNT_USAGE_SQL = `WITH claimed AS (
         INSERT INTO billing_usage_records (brand_id, metric, idempotency_key, period_start, quantity) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (brand_id, metric, idempotency_key) DO NOTHING RETURNING 1),
       added AS (
         INSERT INTO billing_usage_counters AS c (brand_id, metric, period_start, used)
         SELECT $1::uuid, $2::text, $4::date, $5::bigint WHERE EXISTS (SELECT 1 FROM claimed) AND ($6::bigint IS NULL OR $5::bigint <= $6::bigint)
         ON CONFLICT (brand_id, metric, period_start) DO UPDATE SET used = c.used + EXCLUDED.used
         WHERE $6::bigint IS NULL OR c.used + EXCLUDED.used <= $6::bigint
         RETURNING used)
     SELECT EXISTS (SELECT 1 FROM claimed) AS claimed, (SELECT used FROM added) AS used`;

/** billing_usage_records (what was counted, by idempotency key) and billing_usage_counters (monthly sums). */
@Injectable()
export class UsageRepository extends BrandScopedRepository {
  constructor(db: DataSource) {
    super(db);
  }

  /**
   * Counts one action (see COUNT_USAGE_SQL): `claimed` false when this key was already counted for this brand
   * and metric (the same action never counts twice); `used` null when the limit refused it. With a limit the
   * counter only changes when the new total stays within it: concurrent requests cannot both take the last
   * unit. Prepared: it runs on every search and metered API call.
   */
  async count(
    brandId: BrandId,
    metric: MeteredMetric,
    key: string,
    period: string,
    quantity: number,
    limit: number | null,
    em: EntityManager,
  ): Promise<{ claimed: boolean; used: number | null }> {
    const [row] = await this.preparedQuery<{ claimed: boolean; used: string | null }>(brandId, COUNT_USAGE_SQL, [metric, key, period, quantity, limit], em);
    return { claimed: row.claimed, used: row.used === null ? null : Number(row.used) };
  }

  async setOverage(brandId: BrandId, metric: MeteredMetric, key: string, overage: number, em: EntityManager) {
    await this.query(brandId, `UPDATE billing_usage_records SET overage = $4 WHERE brand_id = $1 AND metric = $2 AND idempotency_key = $3`, [metric, key, overage], em);
  }

  async used(brandId: BrandId, period: string, em?: EntityManager): Promise<Record<MeteredMetric, number>> {
    const rows = await this.query<{ metric: MeteredMetric; used: string }>(brandId, `SELECT metric, used FROM billing_usage_counters WHERE brand_id = $1 AND period_start = $2`, [period], em);
    const out: Record<MeteredMetric, number> = { searches: 0, apiCalls: 0, invitations: 0 };
    for (const r of rows) out[r.metric] = Number(r.used);
    return out;
  }
}
