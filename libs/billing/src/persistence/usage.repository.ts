import { Injectable } from '@nestjs/common';
import { type BrandId, BrandScopedRepository } from '@renown/accounts';
import type { Narrow, Nullable, RowOf } from '@renown/core';
import { DataSource, type EntityManager } from 'typeorm';
import type { MeteredMetric } from '../config/plans.js';

/** SQLSTATE of a count refused by the plan's limit (raised by billing_refuse_usage; detail: the usage before it). */
export const USAGE_REFUSED_SQLSTATE = 'RN429';

/**
 * Counts one action in one statement: claims its idempotency key and, only when the key is new, adds to the
 * month's counter, within the limit when there is one. ($1 brand, $2 metric, $3 key, $4 period, $5 quantity,
 * $6 limit or null.) `claimed` is false when the key was counted before (`used` then null: nothing changed).
 * Over the limit the statement fails with USAGE_REFUSED_SQLSTATE, so nothing of it stays, whether it runs on
 * its own or ends a transaction (see UsageRepository.count's `commit`); the counter is read for the error with
 * FOR SHARE, which reads its latest version (a concurrent count may have committed after this statement began).
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
     SELECT EXISTS (SELECT 1 FROM claimed) AS claimed,
            CASE WHEN NOT EXISTS (SELECT 1 FROM claimed) THEN NULL
                 WHEN EXISTS (SELECT 1 FROM added) THEN (SELECT used FROM added)
                 ELSE billing_refuse_usage(
                        COALESCE((SELECT u.used FROM billing_usage_counters u WHERE u.brand_id = $1 AND u.metric = $2 AND u.period_start = $4 FOR SHARE), 0),
                        $6::bigint, $5::bigint)
            END AS used`;

/** billing_usage_records (what was counted, by idempotency key) and billing_usage_counters (monthly sums). */
@Injectable()
export class UsageRepository extends BrandScopedRepository {
  constructor(db: DataSource) {
    super(db);
  }

  /**
   * Counts one action (see COUNT_USAGE_SQL): `claimed` false when this key was already counted for this brand
   * and metric (the same action never counts twice); `used` the new total, or null when the limit refused it,
   * with `current` the usage it was refused at (the statement failed: inside a transaction, that transaction
   * can only roll back). With a limit the counter only changes when the new total stays within it: concurrent
   * requests cannot both take the last unit. Prepared: it runs on every search and metered API call.
   * `commit`: the count is the last statement of the transaction of `em`, sent with its COMMIT (preparedQuery's
   * `commit`): the month's counter row, which every concurrent count of the brand and metric waits for, is then
   * locked only while PostgreSQL counts and commits.
   */
  async count(
    brandId: BrandId,
    metric: MeteredMetric,
    key: string,
    period: string,
    quantity: number,
    limit: number | null,
    em: EntityManager | undefined,
    options: { commit?: boolean } = {},
  ): Promise<{ claimed: boolean; used: number | null; current?: number }> {
    try {
      const [row] = await this.preparedQuery<{ claimed: boolean } & Nullable<RowOf<'billing_usage_counters', 'used'>>>(brandId, COUNT_USAGE_SQL, [metric, key, period, quantity, limit], em, options);
      return { claimed: row.claimed, used: row.used === null ? null : Number(row.used) };
    } catch (err) {
      const e = err as { code?: string; detail?: string };
      if (e.code === USAGE_REFUSED_SQLSTATE) return { claimed: true, used: null, current: Number(e.detail) };
      throw err;
    }
  }

  async setOverage(brandId: BrandId, metric: MeteredMetric, key: string, overage: number, em: EntityManager) {
    await this.query(brandId, `UPDATE billing_usage_records SET overage = $4 WHERE brand_id = $1 AND metric = $2 AND idempotency_key = $3`, [metric, key, overage], em);
  }

  async used(brandId: BrandId, period: string, em?: EntityManager): Promise<Record<MeteredMetric, number>> {
    const rows = await this.query<Narrow<RowOf<'billing_usage_counters', 'metric' | 'used'>, { metric: MeteredMetric }>>(brandId, `SELECT metric, used FROM billing_usage_counters WHERE brand_id = $1 AND period_start = $2`, [period], em);
    const out: Record<MeteredMetric, number> = { searches: 0, apiCalls: 0, invitations: 0 };
    for (const r of rows) out[r.metric] = Number(r.used);
    return out;
  }
}
