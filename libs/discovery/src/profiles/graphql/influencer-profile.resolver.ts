import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { InfluencerProfileService } from '../influencer-profile.service.js';
import { InfluencerProfile } from './profile.models.js';

/** Profiles are built from public social data for every account; no brand owns them (any signed-in caller, the global guard). */
@Resolver()
export class InfluencerProfileResolver {
  constructor(private readonly profiles: InfluencerProfileService) {}

  @Query(() => InfluencerProfile, {
    description:
      "An influencer's profile by account or by person (exactly one): linked accounts, score and sub-scores with daily history, topics with evidence, top posts, top engagers, audience quality with its breakdown, follower growth with anomalies marked.",
  })
  influencerProfile(
    @Args('accountId', { type: () => ID, nullable: true }) accountId: string | null,
    @Args('personId', { type: () => ID, nullable: true }) personId: string | null,
    @Args('historyDays', { type: () => Int, defaultValue: 90 }) historyDays: number,
    @Args('evidencePerTopic', { type: () => Int, defaultValue: 5 }) evidencePerTopic: number,
    @Args('locale', { nullable: true }) locale?: string,
  ): Promise<InfluencerProfile> {
    return this.profiles.getProfileOrThrow({ accountId, personId }, { historyDays, evidencePerTopic, locale });
  }
}
