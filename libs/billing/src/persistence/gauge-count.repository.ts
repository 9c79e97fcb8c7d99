import { Injectable } from '@nestjs/common';
import { type BrandId, BrandScopedRepository } from '@renown/accounts';
import { DataSource } from 'typeorm';

/**
 * Counts the limits billing does not meter itself (seats, active campaigns) for the usage display. The rows
 * belong to accounts and campaigns; enforcement happens there, through EntitlementsService.assertWithinLimit.
 */
@Injectable()
export class GaugeCountRepository extends BrandScopedRepository {
  constructor(db: DataSource) {
    super(db);
  }

  async seats(brandId: BrandId): Promise<number | null> {
    return this.countIfTable(brandId, 'memberships', `SELECT count(*)::int AS n FROM memberships WHERE brand_id = $1`);
  }

  async activeCampaigns(brandId: BrandId): Promise<number | null> {
    return this.countIfTable(brandId, 'campaigns', `SELECT count(*)::int AS n FROM campaigns WHERE brand_id = $1 AND status = 'active'`);
  }

  private async countIfTable(brandId: BrandId, table: string, sql: string): Promise<number | null> {
    const [exists]: Array<{ ok: boolean }> = await this.db.query(`SELECT to_regclass($1) IS NOT NULL AS ok`, [table]);
    if (!exists.ok) return null;
    const row = await this.queryOne<{ n: number }>(brandId, sql);
    return row?.n ?? 0;
  }
}
