import { Injectable } from '@nestjs/common';
import { asBrandId, type BrandId, BrandScopedRepository } from '@renown/accounts';
import type { Narrow, Nullable, RowOf, TableRow } from '@renown/core';
import { DataSource, type EntityManager } from 'typeorm';

export interface MeterReport {
  id: string;
  brandId: BrandId;
  metric: string;
  sourceKey: string;
  quantity: number;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  occurredAt: Date;
  stripeCustomerId: string | null;
}

/** billing_meter_reports: the outbox of usage to report to Stripe, one row per counted action. */
@Injectable()
export class MeterReportRepository extends BrandScopedRepository {
  constructor(db: DataSource) {
    super(db);
  }

  /** One row per (brand, metric, source): the same invitation is queued once however often it is recorded. */
  async enqueue(brandId: BrandId, metric: string, sourceKey: string, quantity: number, occurredAt: Date, em: EntityManager): Promise<string | null> {
    const row = await this.queryOne<RowOf<'billing_meter_reports', 'id'>>(
      brandId,
      `INSERT INTO billing_meter_reports (brand_id, metric, source_key, quantity, occurred_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (brand_id, metric, source_key) DO NOTHING RETURNING id`,
      [metric, sourceKey, quantity, occurredAt],
      em,
    );
    return row?.id ?? null;
  }

  /** Locks the report for sending (a second sender skips it instead of sending in parallel). */
  async lockPending(id: string, em: EntityManager): Promise<MeterReport | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const rows = await this.unscopedQuery<Narrow<TableRow<'billing_meter_reports'>, { status: MeterReport['status'] }> & Nullable<RowOf<'billing_accounts', 'stripe_customer_id'>>>(
      'a job carries only the report id; the row names its brand',
      `SELECT r.*, a.stripe_customer_id FROM billing_meter_reports r
       LEFT JOIN billing_accounts a ON a.brand_id = r.brand_id
       WHERE r.id = $1 AND r.status = 'pending' FOR UPDATE OF r SKIP LOCKED`,
      [id],
      em,
    );
    const r = rows[0];
    if (!r) return null;
    return { id: r.id, brandId: asBrandId(r.brand_id), metric: r.metric, sourceKey: r.source_key, quantity: r.quantity, status: r.status, attempts: r.attempts, occurredAt: r.occurred_at, stripeCustomerId: r.stripe_customer_id };
  }

  async markSent(report: MeterReport, em: EntityManager) {
    await this.query(report.brandId, `UPDATE billing_meter_reports SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE brand_id = $1 AND id = $2`, [report.id], em);
  }

  async markFailed(report: MeterReport, error: string, final: boolean) {
    await this.query(report.brandId, `UPDATE billing_meter_reports SET status = $3, attempts = attempts + 1, last_error = $4 WHERE brand_id = $1 AND id = $2`, [report.id, final ? 'failed' : 'pending', error.slice(0, 500)]);
  }

  /** Pending reports older than a minute, for the sweep that catches any whose job was never enqueued. */
  async stalePendingIds(limit = 100): Promise<string[]> {
    const rows = await this.unscopedQuery<RowOf<'billing_meter_reports', 'id'>>('the sweep runs across brands', `SELECT id FROM billing_meter_reports WHERE status = 'pending' AND occurred_at < now() - interval '1 minute' ORDER BY occurred_at LIMIT $1`, [limit]);
    return rows.map((r) => r.id);
  }

  async forBrand(brandId: BrandId): Promise<Array<{ sourceKey: string; quantity: number; status: string }>> {
    const rows = await this.query<RowOf<'billing_meter_reports', 'source_key' | 'quantity' | 'status'>>(brandId, `SELECT source_key, quantity, status FROM billing_meter_reports WHERE brand_id = $1 ORDER BY occurred_at`);
    return rows.map((r) => ({ sourceKey: r.source_key, quantity: r.quantity, status: r.status }));
  }
}
