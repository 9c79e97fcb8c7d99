import { Injectable } from '@nestjs/common';
import { type BrandId, BrandScopedRepository } from '@renown/accounts';
import { DataSource, type EntityManager } from 'typeorm';
import type { MeteredMetric } from '../config/plans.js';

/** Claims an idempotency key: ($1 brand, $2 metric, $3 key, $4 period, $5 quantity); a row back when it was new. */
export const CLAIM_USAGE_KEY_SQL = `INSERT INTO billing_usage_records (brand_id, metric, idempotency_key, period_start, quantity) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (brand_id, metric, idempotency_key) DO NOTHING RETURNING idempotency_key`;

/** Adds to the month's counter: ($1 brand, $2 metric, $3 period, $4 quantity, $5 limit or null); no row when over the limit. */
export const ADD_USAGE_SQL = `INSERT INTO billing_usage_counters AS c (brand_id, metric, period_start, used)
       SELECT $1::uuid, $2::text, $3::date, $4::bigint WHERE $5::bigint IS NULL OR $4::bigint <= $5::bigint
       ON CONFLICT (brand_id, metric, period_start) DO UPDATE SET used = c.used + EXCLUDED.used
       WHERE $5::bigint IS NULL OR c.used + EXCLUDED.used <= $5::bigint
       RETURNING used`;

/**
 * billing_usage_records (what was counted, by idempotency key) and billing_usage_counters (monthly sums). The two
 * counting statements run on every search and API call: they are prepared once per connection.
 */
@Injectable()
export class UsageRepository extends BrandScopedRepository {
  constructor(db: DataSource) {
    super(db);
  }

  /** False when this key was already counted for this brand and metric: the same action never counts twice. */
  async claimKey(brandId: BrandId, metric: MeteredMetric, key: string, period: string, quantity: number, em: EntityManager): Promise<boolean> {
    const rows = await this.preparedQuery(brandId, CLAIM_USAGE_KEY_SQL, [metric, key, period, quantity], em);
    return rows.length === 1;
  }

  /**
   * Adds to the month's counter in one statement. With a limit, the row is only changed when the new total
   * stays within it (null returned otherwise): concurrent requests cannot both take the last unit.
   */
  async add(brandId: BrandId, metric: MeteredMetric, period: string, quantity: number, limit: number | null, em: EntityManager): Promise<number | null> {
    const [row] = await this.preparedQuery<{ used: string }>(brandId, ADD_USAGE_SQL, [metric, period, quantity, limit], em);
    return row ? Number(row.used) : null;
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
