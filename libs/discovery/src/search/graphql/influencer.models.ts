import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A topic as discovery shows it (ids are strings: Klout topic ids exceed 2^53).' })
export class DiscoveryTopic {
  @Field(() => ID) id: string;
  @Field() slug: string;
  @Field({ description: 'Display name in the requested locale (English when the ontology has none).' }) name: string;
}

@ObjectType({ description: "An account's influence inside one topic." })
export class InfluencerTopicScore {
  @Field(() => DiscoveryTopic) topic: DiscoveryTopic;
  @Field(() => Int, { description: 'Influence within the topic, 1-100.' }) score: number;
  @Field(() => Float, { description: "Percentile of that influence among the topic's accounts." }) percentile: number;
}

@ObjectType({ description: 'One social account of an influencer.' })
export class InfluencerAccount {
  @Field(() => ID) id: string;
  @Field() platform: string;
  @Field(() => String, { nullable: true }) handle: string | null;
  @Field(() => String, { nullable: true }) displayName: string | null;
  @Field(() => String, { nullable: true }) language: string | null;
  @Field(() => String, { nullable: true }) location: string | null;
  @Field() verified: boolean;
  @Field(() => Float, { nullable: true, description: 'Followers as last observed (a Float: counts can pass 2^31).' }) followers: number | null;
  @Field(() => Float, { nullable: true, description: 'Overall influence score 1-100 of this account (current model, latest day).' }) score: number | null;
}

@ObjectType({ description: 'The person behind one or more accounts.' })
export class InfluencerPerson {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) displayName: string | null;
  @Field(() => Float, { nullable: true, description: "The person's overall score 1-100 across their accounts." }) score: number | null;
}

@ObjectType({ description: 'One discovery result: an account (and the person behind it) with scores and a one-line why.' })
export class Influencer {
  @Field(() => ID, { description: 'The ranked social account.' }) accountId: string;
  @Field(() => InfluencerAccount) account: InfluencerAccount;
  @Field(() => InfluencerPerson, { nullable: true, description: 'The person behind the account, when known.' }) person: InfluencerPerson | null;
  @Field(() => [InfluencerAccount], { description: "All the person's linked accounts (just the account itself when no person is known)." }) accounts: InfluencerAccount[];
  @Field(() => Float, { nullable: true, description: 'Overall influence score 1-100 (current model, latest day).' }) score: number | null;
  @Field(() => Float, { nullable: true, description: 'Percentile of the overall score.' }) scorePercentile: number | null;
  @Field(() => [InfluencerTopicScore], { description: 'Influence in the topics the search was about (best first).' }) topicScores: InfluencerTopicScore[];
  @Field(() => [InfluencerTopicScore], { description: "The account's strongest topics (hidden topics never show)." }) topTopics: InfluencerTopicScore[];
  @Field(() => Float, { nullable: true }) followers: number | null;
  @Field(() => Float, { nullable: true, description: 'Engagements received per post divided by followers (0.035 = 3.5%), over the scoring window.' })
  engagementRate: number | null;
  @Field(() => Int, { nullable: true, description: 'Audience quality 1-100 (null until computed).' }) audienceQuality: number | null;
  @Field({ description: 'Whether this brand has a contact email for the account.' }) hasContactEmail: boolean;
  @Field(() => String, { nullable: true, description: 'When the account last posted (as far as Renown has seen).' }) lastPostedAt: string | null;
  @Field({ description: 'One line on why this account ranks here, e.g. "4 posts on Cars in 30 days, 12k reposts; followed by 3 of the top 20 in Cars".' })
  why: string;
}

@ObjectType()
export class InfluencerEdge {
  @Field({ description: 'Opaque cursor: pass it as `after` to continue after this row.' }) cursor: string;
  @Field(() => Influencer) node: Influencer;
}

@ObjectType()
export class InfluencerPageInfo {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@ObjectType({ description: 'A range; either end may be open.' })
export class NumberRangeView {
  @Field(() => Float, { nullable: true }) min: number | null;
  @Field(() => Float, { nullable: true }) max: number | null;
}

@ObjectType({ description: 'The filters a search applied, after merging what the query said with the explicit filter.' })
export class AppliedInfluencerFilter {
  @Field(() => [DiscoveryTopic]) topics: DiscoveryTopic[];
  @Field({ description: 'ANY or ALL of the topics.' }) topicMatch: string;
  @Field(() => NumberRangeView, { nullable: true }) topicScore: NumberRangeView | null;
  @Field(() => NumberRangeView, { nullable: true }) score: NumberRangeView | null;
  @Field(() => [String]) platforms: string[];
  @Field(() => [String]) languages: string[];
  @Field(() => [String]) locations: string[];
  @Field(() => NumberRangeView, { nullable: true }) followers: NumberRangeView | null;
  @Field(() => NumberRangeView, { nullable: true }) engagementRate: NumberRangeView | null;
  @Field(() => Int, { nullable: true }) activeWithinDays: number | null;
  @Field(() => Int, { nullable: true }) audienceQualityMin: number | null;
  @Field(() => Boolean, { nullable: true }) hasContactEmail: boolean | null;
  @Field(() => ID, { nullable: true }) notInvitedToCampaignId: string | null;
}

@ObjectType({ description: 'A topic the query named, and the words that named it.' })
export class InterpretedTopic {
  @Field(() => DiscoveryTopic) topic: DiscoveryTopic;
  @Field({ description: 'The words of the query that named it.' }) matched: string;
}

@ObjectType({ description: 'Words that matched nothing, with the closest topics.' })
export class SearchSuggestion {
  @Field() term: string;
  @Field(() => [DiscoveryTopic]) topics: DiscoveryTopic[];
}

@ObjectType({ description: 'What the typed query was understood as, so the user can see and adjust it.' })
export class SearchInterpretation {
  @Field({ description: 'The query as typed.' }) query: string;
  @Field(() => [InterpretedTopic]) topics: InterpretedTopic[];
  @Field(() => [String]) platforms: string[];
  @Field(() => [String]) languages: string[];
  @Field(() => [String]) locations: string[];
  @Field(() => NumberRangeView, { nullable: true }) followers: NumberRangeView | null;
  @Field(() => Int, { nullable: true }) activeWithinDays: number | null;
  @Field(() => Boolean, { nullable: true }) hasContactEmail: boolean | null;
  @Field(() => [String], { description: 'Words that named nothing, as typed.' }) unresolved: string[];
  @Field(() => [SearchSuggestion]) suggestions: SearchSuggestion[];
  @Field(() => [String], { description: 'Plain sentences for the user, e.g. "Nothing matched \\"zorbing\\". Did you mean Zorb?"' }) messages: string[];
  @Field(() => AppliedInfluencerFilter, { description: 'The filters actually applied (query + explicit filter).' }) applied: AppliedInfluencerFilter;
}

@ObjectType({ description: 'A page of discovery results with the interpretation of the query.' })
export class InfluencerConnection {
  @Field(() => ID, { nullable: true, description: 'The search these pages belong to (pages after the first are not counted again); null when nothing was searched.' })
  searchId: string | null;
  @Field(() => [InfluencerEdge]) edges: InfluencerEdge[];
  @Field(() => InfluencerPageInfo) pageInfo: InfluencerPageInfo;
  @Field(() => SearchInterpretation) interpretation: SearchInterpretation;
  @Field({ description: 'When the ranking of this search was taken; later pages keep this order even if scores are recomputed.' }) rankedAt: Date;
}
