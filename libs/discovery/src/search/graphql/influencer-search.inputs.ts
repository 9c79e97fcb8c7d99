import { Field, Float, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';

export enum InfluencerTopicMatch {
  ANY = 'ANY',
  ALL = 'ALL',
}
registerEnumType(InfluencerTopicMatch, { name: 'InfluencerTopicMatch', description: 'Whether a result needs any or all of the topics.' });

@InputType({ description: 'A range; leave either end out for an open range.' })
export class NumberRangeInput {
  @Field(() => Float, { nullable: true }) min?: number | null;
  @Field(() => Float, { nullable: true }) max?: number | null;
}

@InputType({ description: 'Explicit search filters. A field given here replaces what the typed query said about it.' })
export class InfluencerFilterInput {
  @Field(() => [ID], { nullable: true, description: 'Topic ids or slugs (replaces the topics read from the query).' }) topics?: string[] | null;
  @Field(() => InfluencerTopicMatch, { nullable: true, description: 'ANY (default) or ALL of the topics.' }) topicMatch?: InfluencerTopicMatch | null;
  @Field(() => NumberRangeInput, { nullable: true, description: 'Influence inside the topics (the best of them), 1-100.' }) topicScore?: NumberRangeInput | null;
  @Field(() => NumberRangeInput, { nullable: true, description: 'Overall influence score, 1-100.' }) score?: NumberRangeInput | null;
  @Field(() => [String], { nullable: true, description: 'twitter, bluesky, mastodon, snap.' }) platforms?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Language codes (ISO 639-1), e.g. de, en.' }) languages?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Any of these words in the account location (e.g. Berlin).' }) locations?: string[] | null;
  @Field(() => NumberRangeInput, { nullable: true }) followers?: NumberRangeInput | null;
  @Field(() => NumberRangeInput, { nullable: true, description: 'Engagements per post over followers: 0.02 = 2%.' }) engagementRate?: NumberRangeInput | null;
  @Field(() => Int, { nullable: true, description: 'Posted at least once in the last N days.' }) activeWithinDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'Audience quality at least this (1-100).' }) audienceQualityMin?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only accounts this brand has a contact email for; false: only those it has none for.' })
  hasContactEmail?: boolean | null;
  @Field(() => ID, { nullable: true, description: 'Leave out accounts already invited to this campaign of the brand.' }) notInvitedToCampaignId?: string | null;
}
