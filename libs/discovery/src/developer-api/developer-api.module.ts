import { Module } from '@nestjs/common';
import { DeveloperApiController } from './http/developer-api.controller.js';
import { DeveloperApiGuard } from './http/developer-api.guard.js';
import { ApiCallMeter } from './metering/api-call-meter.js';
import { ApiRateCounterRepository } from './rate-limit/api-rate-counter.repository.js';
import { ApiRateLimiter } from './rate-limit/api-rate-limiter.js';
import { DeveloperApiRepository } from './reading/developer-api.repository.js';
import { DeveloperApiService } from './developer-api.service.js';
import { DeveloperApiListsService } from './lists/developer-api-lists.service.js';
import { SourcesModule } from '@renown/sources';
import { ListsModule } from '../lists/lists.module.js';
import { SearchModule } from '../search/search.module.js';

/**
 * The developer REST API under /v1 (API keys, per-key rate limit in PostgreSQL, `apiCalls` metering), including the
 * browser extension's routes (batch look-up, the brand's lists and adding to them) and their CORS (developer-api-cors.ts).
 * Relies on the global BillingModule (EntitlementsService, UsageService) and the accounts AuthGuard.
 */
@Module({
  imports: [SourcesModule.forRoot('api'), SearchModule, ListsModule],
  controllers: [DeveloperApiController],
  providers: [DeveloperApiService, DeveloperApiListsService, DeveloperApiRepository, ApiRateCounterRepository, ApiRateLimiter, ApiCallMeter, DeveloperApiGuard],
})
export class DeveloperApiModule {}
