import { Injectable } from '@nestjs/common';
import { type BrandId, BrandScopedRepository } from '@renown/accounts';
import type { Narrow, Nullable, RowOf } from '@renown/core';
import type { EntityManager } from 'typeorm';

export type DigestPeriod = 'hourly' | 'daily';

/** A brand's settings; `updated_at` is null only in DEFAULT_ALERT_SETTINGS (a brand with no row yet). */
export type AlertSettingsRow = Narrow<
  RowOf<'brand_alert_settings', 'enabled' | 'min_score' | 'digest_period' | 'webhook_url' | 'webhook_secret_hint'>,
  { digest_period: DigestPeriod }
> &
  Nullable<RowOf<'brand_alert_settings', 'updated_at'>>;

export const DEFAULT_ALERT_SETTINGS: AlertSettingsRow = { enabled: false, min_score: 60, digest_period: 'daily', webhook_url: null, webhook_secret_hint: null, updated_at: null };

/** A brand's alert threshold, digest period and webhook (the secret column is only ever read to sign). */
@Injectable()
export class AlertSettingsRepository extends BrandScopedRepository {
  async get(brandId: BrandId, em?: EntityManager, lock = false): Promise<AlertSettingsRow | undefined> {
    return this.queryOne<AlertSettingsRow>(
      brandId,
      `SELECT enabled, min_score, digest_period, webhook_url, webhook_secret_hint, updated_at FROM brand_alert_settings WHERE brand_id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [],
      em,
    );
  }

  async upsert(brandId: BrandId, s: { enabled: boolean; minScore: number; digestPeriod: DigestPeriod }, em: EntityManager): Promise<void> {
    await this.query(
      brandId,
      `INSERT INTO brand_alert_settings (brand_id, enabled, min_score, digest_period) VALUES ($1, $2, $3, $4)
       ON CONFLICT (brand_id) DO UPDATE SET enabled = $2, min_score = $3, digest_period = $4, updated_at = now()`,
      [s.enabled, s.minScore, s.digestPeriod],
      em,
    );
  }

  async setWebhook(brandId: BrandId, url: string | null, secret: string | null, hint: string | null, em: EntityManager): Promise<void> {
    await this.query(
      brandId,
      `INSERT INTO brand_alert_settings (brand_id, enabled, min_score, webhook_url, webhook_secret, webhook_secret_hint) VALUES ($1, false, 60, $2, $3, $4)
       ON CONFLICT (brand_id) DO UPDATE SET webhook_url = $2, webhook_secret = $3, webhook_secret_hint = $4, updated_at = now()`,
      [url, secret, hint],
      em,
    );
  }

  /** Worker only: the signing secret and the current URL. */
  async webhookTarget(brandId: BrandId, em?: EntityManager): Promise<{ url: string; secret: string } | undefined> {
    const row = await this.queryOne<RowOf<'brand_alert_settings', 'webhook_url' | 'webhook_secret'>>(brandId, `SELECT webhook_url, webhook_secret FROM brand_alert_settings WHERE brand_id = $1`, [], em);
    return row?.webhook_url && row.webhook_secret ? { url: row.webhook_url, secret: row.webhook_secret } : undefined;
  }
}
