import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule, DatabaseModule, MailModule, QueueModule } from '@renown/core';
import { AccountsWorkerModule } from '@renown/accounts';
import { BillingModule } from '@renown/billing';
import { CampaignsModule } from '@renown/campaigns';
import { TopicsModule } from '@renown/scoring/topics/topics.module.js';
import { InfluenceModule } from '@renown/scoring/influence/influence.module.js';
import { BrandAudienceModule } from '@renown/discovery/brand-audience/index.js';
import { AudienceModule } from '@renown/discovery/audience/index.js';
import { SearchWorkerModule } from '@renown/discovery/search/index.js';
import { SourcesModule } from '@renown/sources';

/** The job consumers: every domain module's @JobHandler methods run here, never in the API process. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(databaseUrl),
        QueueModule.forRoot('worker'),
        MailModule.forRoot('worker'),
        AccountsWorkerModule,
        // domain modules with job handlers register here
        CampaignsModule.forRoot('worker'),
        BillingModule,
        TopicsModule,
        InfluenceModule,
        BrandAudienceModule.forRoot('worker'),
        AudienceModule,
        SearchWorkerModule,
        SourcesModule.forRoot('worker'),
      ],
    };
  }
}
