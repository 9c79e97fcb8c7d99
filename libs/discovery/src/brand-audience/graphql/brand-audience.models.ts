import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum BrandDigestPeriodGql {
  hourly = 'hourly',
  daily = 'daily',
}
registerEnumType(BrandDigestPeriodGql, { name: 'BrandDigestPeriod', description: 'At most one alert digest mail per hour or per day.' });

export enum BrandAudienceRelationshipGql {
  follows = 'follows',
  mentions = 'mentions',
  engages = 'engages',
}
registerEnumType(BrandAudienceRelationshipGql, {
  name: 'BrandAudienceRelationship',
  description: 'follows: follows one of the brand accounts; mentions: mentioned one; engages: replied to, reposted, quoted or liked their posts.',
});

@ObjectType({ description: 'One of the brand\'s own social accounts.' })
export class BrandSocialAccount {
  @Field(() => ID, { description: 'Renown account id.' }) id: string;
  @Field() platform: string;
  @Field(() => String, { nullable: true }) handle: string | null;
  @Field({ description: 'The platform\'s own id of the account.' }) externalId: string;
  @Field(() => String, { nullable: true }) displayName: string | null;
  @Field(() => Float, { nullable: true }) followersCount: number | null;
  @Field(() => Float, { nullable: true, description: 'Current global Renown score (1-100), null until scored.' }) globalScore: number | null;
  @Field({ description: 'False while Renown has only the id (registered by external id, no data imported yet).' }) seenByRenown: boolean;
  @Field() registeredAt: Date;
}

@InputType()
export class RegisterBrandAccountInput {
  @Field({ description: 'twitter, bluesky, mastodon, ...' }) platform: string;
  @Field(() => String, { nullable: true, description: 'With or without @; the account must already be known to Renown.' }) handle?: string | null;
  @Field(() => String, { nullable: true, description: 'The platform id (tweet author id, DID...); creates the account if Renown has not seen it yet.' }) externalId?: string | null;
}

@ObjectType()
export class BrandAudienceAccount {
  @Field(() => ID) id: string;
  @Field() platform: string;
  @Field(() => String, { nullable: true }) handle: string | null;
  @Field(() => String, { nullable: true }) displayName: string | null;
  @Field(() => Float, { nullable: true }) followersCount: number | null;
}

@ObjectType({ description: 'An account that follows, mentions or engages with the brand, with its standing in the brand\'s audience.' })
export class BrandAudienceMember {
  @Field(() => BrandAudienceAccount) account: BrandAudienceAccount;
  @Field(() => Int, { description: '1 = the most influential in this brand\'s audience.' }) relativeRank: number;
  @Field(() => Float, { description: 'Influence relative to the brand\'s audience, 1-100 (log scale between the least and the most influential member).' }) relativeScore: number;
  @Field(() => Float, { description: 'Share of the audience\'s personalized PageRank mass (all members sum to 1).' }) audienceShare: number;
  @Field(() => Float, { nullable: true, description: 'The global Renown score (1-100), for comparison; null until scored.' }) globalScore: number | null;
  @Field() follows: boolean;
  @Field(() => Date, { nullable: true, description: 'Earliest dated follow of one of the brand accounts (null when the source gives no date).' }) followsSince: Date | null;
  @Field(() => Int, { description: 'How many times they mentioned the brand accounts.' }) mentions: number;
  @Field(() => Int, { description: 'How many posts they replied to, reposted, quoted or liked.' }) engagedPosts: number;
  @Field(() => Date, { nullable: true }) lastInteractionAt: Date | null;
  @Field({ description: 'Why they are here, as text: "follows since 2026-03-02 · mentioned you 4 times · engaged with 7 posts".' }) reason: string;
}

@ObjectType({ description: '"Who matters to us": the brand\'s audience ranked by personalized PageRank seeded on the brand\'s own accounts.' })
export class WhoMattersToUs {
  @Field({ description: 'READY, PENDING (the first ranking is being computed) or NO_ACCOUNTS (register the brand\'s accounts first).' }) status: string;
  @Field(() => Date, { nullable: true, description: 'When the stored ranking was computed (hourly, and right after the brand\'s accounts change).' }) computedAt: Date | null;
  @Field(() => Int, { description: 'Accounts in the ranking.' }) audienceSize: number;
  @Field({ description: 'True when only the most active part of a very large audience was ranked.' }) truncated: boolean;
  @Field(() => Int, { description: 'Members matching the relationship filter.' }) totalCount: number;
  @Field(() => [BrandAudienceMember]) members: BrandAudienceMember[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' }) endCursor: string | null;
  @Field() hasNextPage: boolean;
  @Field({ description: 'How the ranking is computed, in one sentence (for the UI).' }) method: string;
}

@ObjectType()
export class BrandAlertSettings {
  @Field() enabled: boolean;
  @Field(() => Float, { description: 'Accounts with a global Renown score at or above this alert when they newly mention or follow the brand.' }) minScore: number;
  @Field(() => BrandDigestPeriodGql) digestPeriod: string;
  @Field(() => String, { nullable: true }) webhookUrl: string | null;
  @Field(() => String, { nullable: true, description: 'The first characters of the webhook secret, to recognise it (the secret itself is shown once).' }) webhookSecretHint: string | null;
  @Field(() => Date, { nullable: true }) updatedAt: Date | null;
}

@InputType()
export class UpdateBrandAlertSettingsInput {
  @Field(() => Boolean, { nullable: true }) enabled?: boolean | null;
  @Field(() => Float, { nullable: true, description: 'Global Renown score, 1-100.' }) minScore?: number | null;
  @Field(() => BrandDigestPeriodGql, { nullable: true }) digestPeriod?: BrandDigestPeriodGql | null;
}

@ObjectType()
export class BrandWebhookSecret {
  @Field({ description: 'The signing secret (whsec_...). Shown ONLY in this answer: store it now. Setting the URL again makes a new one.' }) secret: string;
  @Field(() => BrandAlertSettings) settings: BrandAlertSettings;
}

@ObjectType({ description: 'An influential account newly mentioned or followed one of the brand accounts.' })
export class BrandAlert {
  @Field(() => ID) id: string;
  @Field({ description: 'mention or follow' }) type: string;
  @Field(() => BrandAudienceAccount) account: BrandAudienceAccount;
  @Field(() => Float, { description: 'Their global score when the alert was raised.' }) score: number;
  @Field(() => ID) brandAccountId: string;
  @Field(() => String, { nullable: true }) brandAccountHandle: string | null;
  @Field(() => ID, { nullable: true }) postId: string | null;
  @Field(() => Date, { nullable: true }) occurredAt: Date | null;
  @Field() detectedAt: Date;
  @Field(() => Date, { nullable: true, description: 'When it went out in an email digest (null: waits for the next one).' }) digestedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'pending, delivered or failed; null when no webhook was configured.' }) webhookStatus: string | null;
  @Field(() => Int, { nullable: true }) webhookAttempts: number | null;
}
