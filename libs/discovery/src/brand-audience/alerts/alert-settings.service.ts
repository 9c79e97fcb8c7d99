import { Inject, Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import { APP_CONFIG, type AppConfig } from '@renown/core';
import { DataSource } from 'typeorm';
import { DiscoveryError } from '../../discovery.error.js';
import { BrandAccountsRepository } from '../accounts/brand-accounts.repository.js';
import { newWebhookSecret } from '../webhooks/webhook-signature.js';
import { AlertEventsRepository, type AlertEventRow } from './alert-events.repository.js';
import { AlertSettingsRepository, type AlertSettingsRow, DEFAULT_ALERT_SETTINGS, type DigestPeriod } from './alert-settings.repository.js';
import { webhookUrlProblem } from './validate-webhook-url.js';

export interface UpdateAlertSettings {
  enabled?: boolean | null;
  minScore?: number | null;
  digestPeriod?: DigestPeriod | null;
}

@Injectable()
export class AlertSettingsService {
  constructor(
    private readonly db: DataSource,
    private readonly settings: AlertSettingsRepository,
    private readonly accounts: BrandAccountsRepository,
    private readonly events: AlertEventsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(brandId: BrandId): Promise<AlertSettingsRow> {
    return (await this.settings.get(brandId)) ?? DEFAULT_ALERT_SETTINGS;
  }

  /**
   * Switching alerts on or changing the threshold resets the baseline: only interactions that arrive from
   * now on can alert, so a lower threshold does not flood the brand with old news.
   */
  async update(brandId: BrandId, input: UpdateAlertSettings): Promise<AlertSettingsRow> {
    if (input.minScore != null && !(input.minScore >= 1 && input.minScore <= 100)) {
      throw DiscoveryError.badInput(`The alert threshold is a Renown score between 1 and 100 (got ${input.minScore}).`);
    }
    await this.db.transaction(async (em) => {
      const current = (await this.settings.get(brandId, em, true)) ?? DEFAULT_ALERT_SETTINGS;
      const next = {
        enabled: input.enabled ?? current.enabled,
        minScore: input.minScore ?? current.min_score,
        digestPeriod: input.digestPeriod ?? current.digest_period,
      };
      await this.settings.upsert(brandId, next, em);
      if ((next.enabled && !current.enabled) || next.minScore !== current.min_score) await this.accounts.resetAlertBaseline(brandId, em);
    });
    return this.get(brandId);
  }

  /** Sets (or replaces) the webhook URL with a NEW secret, returned here once and never again. */
  async setWebhook(brandId: BrandId, url: string): Promise<{ secret: string; settings: AlertSettingsRow }> {
    const problem = webhookUrlProblem(url.trim(), this.config.NODE_ENV === 'production');
    if (problem) throw DiscoveryError.badInput(problem, { url });
    const { secret, hint } = newWebhookSecret();
    await this.db.transaction((em) => this.settings.setWebhook(brandId, url.trim(), secret, hint, em));
    return { secret, settings: await this.get(brandId) };
  }

  /** Deliveries still pending are dropped by the worker (no URL, no secret). */
  async removeWebhook(brandId: BrandId): Promise<AlertSettingsRow> {
    await this.db.transaction((em) => this.settings.setWebhook(brandId, null, null, null, em));
    return this.get(brandId);
  }

  recentAlerts(brandId: BrandId, first: number): Promise<AlertEventRow[]> {
    return this.events.recent(brandId, Math.min(Math.max(first, 1), 100));
  }
}
