import { type DynamicModule, Module } from '@nestjs/common';
import { BrandAccountsRepository } from './accounts/brand-accounts.repository.js';
import { BrandAccountsService } from './accounts/brand-accounts.service.js';
import { AlertDigestsRepository } from './alerts/alert-digests.repository.js';
import { AlertEventsRepository } from './alerts/alert-events.repository.js';
import { AlertScanService } from './alerts/alert-scan.service.js';
import { AlertSettingsRepository } from './alerts/alert-settings.repository.js';
import { AlertSettingsService } from './alerts/alert-settings.service.js';
import { BrandAudienceJobs } from './brand-audience.jobs.js';
import { BrandAudienceResolver } from './graphql/brand-audience.resolver.js';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service.js';
import { WebhookSender } from './webhooks/webhook-sender.js';
import { BrandAudienceRankingService } from './who-matters/brand-audience-ranking.service.js';
import { BrandAudienceRanksRepository } from './who-matters/brand-audience-ranks.repository.js';
import { WhoMattersService } from './who-matters/who-matters.service.js';

const REPOSITORIES = [BrandAccountsRepository, BrandAudienceRanksRepository, AlertSettingsRepository, AlertEventsRepository, AlertDigestsRepository];

/**
 * Influence relative to a brand. `forRoot('api')`: GraphQL (own accounts, who matters to us, alert
 * settings and webhook). `forRoot('worker')`: the ranking job, the alert scan + digest cron and webhook
 * delivery. Mail goes through @renown/core's outbox.
 */
@Module({})
export class BrandAudienceModule {
  static forRoot(role: 'api' | 'worker'): DynamicModule {
    return {
      module: BrandAudienceModule,
      providers: [
        ...REPOSITORIES,
        ...(role === 'api'
          ? [BrandAccountsService, WhoMattersService, AlertSettingsService, BrandAudienceResolver]
          : [BrandAudienceRankingService, AlertScanService, WebhookSender, WebhookDeliveryService, BrandAudienceJobs]),
      ],
      exports: REPOSITORIES,
    };
  }
}
