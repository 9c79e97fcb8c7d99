import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AccountTopic } from '@renown/scoring/topics/graphql/topic.models.js';

export enum GrowthAnomalyKind {
  SPIKE = 'spike',
  DROP = 'drop',
}
registerEnumType(GrowthAnomalyKind, { name: 'GrowthAnomalyKind', description: 'A follower jump (bought followers arrive in blocks) or a sudden loss (a purge).' });

@ObjectType({ description: 'One social account of the person.' })
export class ProfileAccount {
  @Field(() => ID) id: string;
  @Field() platform: string;
  @Field(() => String, { nullable: true }) handle: string | null;
  @Field(() => String, { nullable: true }) displayName: string | null;
  @Field(() => String, { nullable: true }) bio: string | null;
  @Field(() => String, { nullable: true }) language: string | null;
  @Field(() => String, { nullable: true }) location: string | null;
  @Field(() => Boolean, { nullable: true }) verified: boolean | null;
  @Field(() => Float, { nullable: true, description: 'As the platform reports it.' }) followers: number | null;
  @Field(() => Float, { nullable: true }) following: number | null;
  @Field(() => Float, { nullable: true }) posts: number | null;
  @Field(() => Float, { nullable: true, description: 'Current influence 1-100 (null until scored).' }) score: number | null;
  @Field(() => Int, { nullable: true, description: 'Audience quality 1-100 (null until computed).' }) audienceQuality: number | null;
  @Field({ description: 'The account the profile details (scores, growth, audience quality breakdown) are about.' }) isPrimary: boolean;
  @Field(() => Date, { nullable: true, description: 'When Renown last read this account from its network (a crawl, a look-up or the daily refresh); null when it came only from an imported file.' })
  lastFetchedAt: Date | null;
  @Field({ description: '"subscribers" on YouTube, "followers" elsewhere.' }) followersLabel: string;
  @Field({ description: "What this account's score is made of on its network (each network is scored on one scale, calibrated on its own accounts)." }) scoreBasis: string;
  @Field(() => Float, { nullable: true, description: 'YouTube: the channel\'s total views.' }) totalViews: number | null;
  @Field(() => String, { nullable: true, description: 'Instagram: the website on the profile.' }) website: string | null;
  @Field(() => String, { nullable: true, description: 'Where the network does not allow audience quality to be measured (Instagram), or only partly (YouTube), the sentence that says so.' })
  audienceQualityNote: string | null;
}

@ObjectType()
export class ProfilePerson {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) displayName: string | null;
  @Field(() => Float, { nullable: true, description: 'Person score across the linked accounts (null until scored).' }) score: number | null;
  @Field(() => Float, { nullable: true }) percentile: number | null;
}

@ObjectType({ description: 'One day of the influence score with its sub-scores.' })
export class ProfileScorePoint {
  @Field() day: string;
  @Field(() => Float) score: number;
  @Field(() => Float) percentile: number;
  @Field(() => Float) reach: number;
  @Field(() => Float) amplification: number;
  @Field(() => Float) network: number;
  @Field() modelVersion: string;
  @Field({ description: 'First point of a new model version.' }) modelChanged: boolean;
}

@ObjectType({ description: 'Influence 1-100 of the primary account, its sub-scores, and their daily history (oldest first).' })
export class ProfileScore {
  @Field(() => ID) accountId: string;
  @Field() day: string;
  @Field(() => Float) score: number;
  @Field(() => Float) percentile: number;
  @Field(() => Float) reach: number;
  @Field(() => Float) amplification: number;
  @Field(() => Float) network: number;
  @Field() modelVersion: string;
  @Field(() => [ProfileScorePoint]) history: ProfileScorePoint[];
}

@ObjectType({ description: "An expertise topic of one of the person's accounts, with its evidence. Hidden topics never appear." })
export class ProfileTopic extends AccountTopic {
  @Field(() => ID) accountId: string;
}

@ObjectType()
export class ProfilePost {
  @Field(() => ID) postId: string;
  @Field(() => ID) accountId: string;
  @Field(() => String, { nullable: true }) text: string | null;
  @Field(() => String, { nullable: true }) postedAt: string | null;
  @Field(() => Float) likes: number;
  @Field(() => Float) reposts: number;
  @Field(() => Float) replies: number;
  @Field(() => Float) quotes: number;
  @Field(() => Float, { description: 'likes + reposts + replies + quotes (platform counts, or what we observed when larger).' }) engagements: number;
  @Field(() => Float, { nullable: true, description: 'Views (YouTube videos).' }) views: number | null;
  @Field(() => String, { nullable: true, description: 'video, short, reel, image or carousel (YouTube, Instagram).' }) kind: string | null;
  @Field(() => String, { nullable: true, description: 'The video or post on its network (YouTube, Instagram).' }) url: string | null;
  @Field(() => Float, { nullable: true, description: 'Per post: (likes + comments) / views for a video; engagements / the author\'s followers otherwise (0..1).' }) engagementRate: number | null;
  @Field(() => String, { nullable: true, description: '"views" or "followers": what engagementRate divides by.' }) engagementBasis: string | null;
}

@ObjectType({ description: "Someone who engaged with the person's accounts in the last 90 days." })
export class ProfileEngager {
  @Field(() => ID) accountId: string;
  @Field() platform: string;
  @Field(() => String, { nullable: true }) handle: string | null;
  @Field(() => String, { nullable: true }) displayName: string | null;
  @Field(() => Int, { description: 'Replies, reposts, quotes, mentions and likes.' }) engagements: number;
  @Field(() => String, { nullable: true }) lastEngagedAt: string | null;
  @Field(() => Float, { nullable: true, description: "The engager's own influence 1-100." }) score: number | null;
}

@ObjectType({ description: 'One part of the audience quality score: the observed value, what is normal for accounts of this size, and the quality (0..1) it leaves.' })
export class AudienceQualityPart {
  @Field({ description: 'suspiciousFollowers, massFollowers, suspiciousEngagers, engagementAuthenticity, growthAnomalies' }) key: string;
  @Field() label: string;
  @Field(() => Float, { nullable: true, description: 'Observed share (0..1), or the anomaly count; null when nothing was observed.' }) value: number | null;
  @Field(() => Float, { nullable: true, description: 'Median of accounts in the same size band.' }) benchmark: number | null;
  @Field(() => Float, { description: 'What this part leaves of the score, 0..1 (1 = no deduction).' }) quality: number;
  @Field({ description: 'One plain sentence.' }) explanation: string;
}

@ObjectType({ description: 'Audience quality 1-100: how much of the audience is genuine, against accounts of a similar size.' })
export class AudienceQuality {
  @Field(() => ID) accountId: string;
  @Field(() => Int) score: number;
  @Field(() => Float, { nullable: true }) suspiciousFollowerShare: number | null;
  @Field(() => Float, { nullable: true }) massFollowerShare: number | null;
  @Field(() => Float, { nullable: true }) suspiciousEngagerShare: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of engagement from accounts this account does not engage back (0..1).' }) engagementAuthenticity: number | null;
  @Field(() => Int) growthAnomalies: number;
  @Field(() => Int, { description: 'Followers and engagers the score rests on.' }) sampleSize: number;
  @Field({ description: 'low (under 30 observed), medium, high (300+).' }) confidence: string;
  @Field({ description: 'The size band benchmarked against, e.g. "1k-3k followers".' }) sizeBand: string;
  @Field(() => [AudienceQualityPart]) parts: AudienceQualityPart[];
  @Field() modelVersion: string;
  @Field() computedAt: Date;
}

@ObjectType({ description: 'One observation of the follower count; anomalies are marked.' })
export class FollowerGrowthPoint {
  @Field() observedAt: Date;
  @Field(() => Float) followers: number;
  @Field(() => Float, { nullable: true, description: 'Change since the previous observation.' }) change: number | null;
  @Field(() => GrowthAnomalyKind, { nullable: true }) anomaly: GrowthAnomalyKind | null;
}

@ObjectType()
export class FollowerGrowth {
  @Field(() => ID) accountId: string;
  @Field(() => [FollowerGrowthPoint], { description: 'Oldest first, last 180 days.' }) points: FollowerGrowthPoint[];
  @Field(() => Int) anomalies: number;
}

@ObjectType({ description: "An influencer's profile: linked accounts, scores with history, topics with evidence, top posts and engagers, audience quality, follower growth." })
export class InfluencerProfile {
  @Field(() => ProfilePerson, { nullable: true, description: 'Null when the account is not linked to a person.' }) person: ProfilePerson | null;
  @Field(() => ID) primaryAccountId: string;
  @Field(() => [ProfileAccount]) accounts: ProfileAccount[];
  @Field(() => ProfileScore, { nullable: true, description: 'Null until the primary account is scored.' }) score: ProfileScore | null;
  @Field(() => [ProfileTopic]) topics: ProfileTopic[];
  @Field(() => [ProfilePost], { description: 'Most engaged own posts of the linked accounts in the last 90 days.' }) topPosts: ProfilePost[];
  @Field(() => [ProfileEngager]) topEngagers: ProfileEngager[];
  @Field(() => AudienceQuality, { nullable: true, description: 'Of the primary account; null until computed.' }) audienceQuality: AudienceQuality | null;
  @Field(() => FollowerGrowth) followerGrowth: FollowerGrowth;
}
