import { Module } from '@nestjs/common';
import { DiscoverySearchRepository } from './persistence/discovery-search.repository.js';
import { SearchExpiryJobs } from './persistence/search-expiry.jobs.js';

/** The worker side of discovery search: the hourly clean-up of expired stored searches. */
@Module({ providers: [DiscoverySearchRepository, SearchExpiryJobs] })
export class SearchWorkerModule {}
