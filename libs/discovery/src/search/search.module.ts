import { Module } from '@nestjs/common';
import { TopicsModule } from '@renown/scoring/topics/topics.module.js';
import { InfluencersResolver } from './graphql/influencers.resolver.js';
import { InfluencerSearchService } from './influencer-search.service.js';
import { DiscoverySearchRepository } from './persistence/discovery-search.repository.js';
import { InfluencerRowsService } from './rows/influencer-rows.service.js';

/** Discovery search: `influencers(query, filter, first, after)`, its interpretation, ranking and metering. */
@Module({
  imports: [TopicsModule],
  providers: [InfluencerRowsService, DiscoverySearchRepository, InfluencerSearchService, InfluencersResolver],
  exports: [InfluencerRowsService, InfluencerSearchService],
})
export class SearchModule {}
