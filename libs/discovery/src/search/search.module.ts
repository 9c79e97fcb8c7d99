import { Module } from '@nestjs/common';
import { TopicsModule } from '@renown/scoring/topics/topics.module.js';
import { InfluencerRowsService } from './rows/influencer-rows.service.js';

/** Discovery search: `influencers(query, filter, first, after)`, its interpretation, ranking and metering. */
@Module({
  imports: [TopicsModule],
  providers: [InfluencerRowsService],
  exports: [InfluencerRowsService],
})
export class SearchModule {}
