// Influencer profiles: GraphQL `influencerProfile(accountId | personId)` (InfluencerProfileService.getProfileOrThrow).
export * from './graphql/profile.models.js';
export * from './influencer-profile.repository.js';
export * from './influencer-profile.service.js';
export * from './profiles.module.js';
