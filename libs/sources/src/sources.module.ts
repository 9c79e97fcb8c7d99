import { type DynamicModule, Module } from '@nestjs/common';
import { CrawlJobs } from './crawl/crawl.jobs.js';
import { CrawlsService } from './crawl/crawls.service.js';
import { RefreshJobs } from './crawl/refresh.jobs.js';
import { SourcesResolver } from './graphql/sources.resolver.js';
import { LookupService } from './lookup/lookup.service.js';
import { NetworkCredentialsService } from './credentials/network-credentials.service.js';
import { NetworkCredentialsResolver } from './graphql/network-credentials.resolver.js';

/**
 * Real people from the open networks: crawls of a vertical, handle look-ups and the daily refresh. The API
 * starts crawls and answers look-ups; the worker runs them (its job handlers live in the same providers).
 */
@Module({})
export class SourcesModule {
  static forRoot(role: 'api' | 'worker'): DynamicModule {
    return {
      module: SourcesModule,
      providers: role === 'api'
        ? [CrawlsService, LookupService, NetworkCredentialsService, SourcesResolver, NetworkCredentialsResolver]
        : [CrawlsService, LookupService, NetworkCredentialsService, CrawlJobs, RefreshJobs],
      exports: [CrawlsService, LookupService, NetworkCredentialsService],
    };
  }
}
