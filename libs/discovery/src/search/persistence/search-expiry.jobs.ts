import { Injectable } from '@nestjs/common';
import { JobHandler, logger } from '@renown/core';
import { DiscoverySearchRepository } from './discovery-search.repository.js';

export const SEARCH_EXPIRY_QUEUE = 'discovery.search-expiry';

/** Hourly: stored searches past their day are deleted (their cursors already answer "expired"). Idempotent. */
@Injectable()
export class SearchExpiryJobs {
  constructor(private readonly searches: DiscoverySearchRepository) {}

  @JobHandler(SEARCH_EXPIRY_QUEUE, { cron: '23 * * * *' })
  async deleteExpired(): Promise<void> {
    const deleted = await this.searches.deleteExpired();
    if (deleted) logger.info({ deleted }, 'expired discovery searches deleted');
  }
}
