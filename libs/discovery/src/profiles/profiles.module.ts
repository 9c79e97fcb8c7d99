import { Module } from '@nestjs/common';
import { TopicsModule } from '@renown/scoring/topics/topics.module.js';
import { InfluencerProfileResolver } from './graphql/influencer-profile.resolver.js';
import { InfluencerProfileRepository } from './influencer-profile.repository.js';
import { InfluencerProfileService } from './influencer-profile.service.js';

/** Influencer profiles (API): one GraphQL query over scores, topics, engagement, audience quality and growth. */
@Module({
  imports: [TopicsModule],
  providers: [InfluencerProfileRepository, InfluencerProfileService, InfluencerProfileResolver],
  exports: [InfluencerProfileService],
})
export class ProfilesModule {}
