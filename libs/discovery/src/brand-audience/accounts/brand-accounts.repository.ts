import { Injectable } from '@nestjs/common';
import { type BrandId, BrandScopedRepository } from '@renown/accounts';
import { INFLUENCE_MODEL_VERSION } from '@renown/scoring';
import type { As, Nullable, RowOf } from '@renown/core';
import type { EntityManager } from 'typeorm';

/** A brand's own account, with its latest global score (a scalar subquery: null when never scored). */
export type BrandAccountRow = RowOf<'brand_social_accounts', 'account_id' | 'created_at'> &
  RowOf<'social_accounts', 'platform' | 'external_id' | 'handle' | 'display_name' | 'followers_count' | 'is_stub'> &
  Nullable<As<'account_score_snapshots', { global_score: 'score' }>>;

/** The brand's own social accounts (brand-owned rows). */
@Injectable()
export class BrandAccountsRepository extends BrandScopedRepository {
  list(brandId: BrandId): Promise<BrandAccountRow[]> {
    return this.query<BrandAccountRow>(
      brandId,
      `SELECT ba.account_id::text, a.platform, a.external_id, a.handle, a.display_name, a.followers_count::text, a.is_stub, ba.created_at,
              (SELECT s.score FROM account_score_snapshots s WHERE s.account_id = a.id AND s.model_version = $2 ORDER BY s.day DESC LIMIT 1) AS global_score
         FROM brand_social_accounts ba JOIN social_accounts a ON a.id = ba.account_id
        WHERE ba.brand_id = $1 ORDER BY ba.created_at, ba.account_id`,
      [INFLUENCE_MODEL_VERSION],
    );
  }

  async accountIds(brandId: BrandId, em?: EntityManager): Promise<string[]> {
    const rows = await this.query<{ id: string }>(brandId, `SELECT account_id::text AS id FROM brand_social_accounts WHERE brand_id = $1 ORDER BY account_id`, [], em);
    return rows.map((r) => r.id);
  }

  /**
   * Idempotent. Interactions already stored when the account is registered are history: the alert baseline
   * is the newest interaction id at this moment.
   */
  async add(brandId: BrandId, accountId: string, userId: string | null, em?: EntityManager): Promise<boolean> {
    const rows = await this.query(
      brandId,
      `INSERT INTO brand_social_accounts (brand_id, account_id, added_by, alert_baseline_interaction_id)
       VALUES ($1, $2, $3, (SELECT coalesce(max(id), 0) FROM interactions))
       ON CONFLICT (brand_id, account_id) DO NOTHING RETURNING account_id`,
      [accountId, userId],
      em,
    );
    return rows.length > 0;
  }

  async remove(brandId: BrandId, accountId: string, em?: EntityManager): Promise<boolean> {
    const rows = await this.query(brandId, `DELETE FROM brand_social_accounts WHERE brand_id = $1 AND account_id = $2 RETURNING account_id`, [accountId], em);
    return rows.length > 0;
  }

  /** Called when the alert threshold changes or alerts are switched on: what came before is not news. */
  async resetAlertBaseline(brandId: BrandId, em?: EntityManager): Promise<void> {
    await this.query(brandId, `UPDATE brand_social_accounts SET alert_baseline_interaction_id = (SELECT coalesce(max(id), 0) FROM interactions) WHERE brand_id = $1`, [], em);
  }
}
