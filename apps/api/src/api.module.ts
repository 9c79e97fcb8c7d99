import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule, DatabaseModule, GraphqlRootModule, MailModule, QueueModule } from '@renown/core';
import { AccountsModule } from '@renown/accounts';
import { BillingModule } from '@renown/billing';
import { CampaignsModule } from '@renown/campaigns';
import { IngestionModule } from '@renown/ingestion';
import { SearchModule } from '@renown/discovery';
import { ConsoleModule } from './console/console.module.js';
import { HealthController } from './health/health.controller.js';
import { SystemResolver } from './system/system.resolver.js';
import { TopicsModule } from '@renown/scoring/topics/topics.module.js';
import { InfluenceModule } from '@renown/scoring/influence/influence.module.js';
import { ProfilesModule } from '@renown/discovery/profiles/index.js';
import { DeveloperApiModule } from '@renown/discovery/developer-api/index.js';
import { BrandAudienceModule } from '@renown/discovery/brand-audience/index.js';
import { ListsModule } from '@renown/discovery';
import { SourcesModule } from '@renown/sources';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(databaseUrl),
        QueueModule.forRoot('producer'),
        GraphqlRootModule.forRoot(),
        MailModule.forRoot('api'),
        AccountsModule,
        TopicsModule,
        InfluenceModule,
        // domain modules register here
        CampaignsModule.forRoot('api'),
        BillingModule,
        IngestionModule,
        SearchModule,
        ConsoleModule,
        ListsModule,
        DeveloperApiModule,
        BrandAudienceModule.forRoot('api'),
        ProfilesModule,
        SourcesModule.forRoot('api'),
      ],
      controllers: [HealthController],
      providers: [SystemResolver],
    };
  }
}
