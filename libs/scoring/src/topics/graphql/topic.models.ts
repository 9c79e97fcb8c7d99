import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum TopicHiddenBy {
  INFLUENCER = 'influencer',
  OPERATOR = 'operator',
}
registerEnumType(TopicHiddenBy, { name: 'TopicHiddenBy', description: 'Who hid a topic from an account.' });

@ObjectType({ description: 'A topic of the Klout Topic Ontology (CC BY 3.0). Ids are strings: they exceed 2^53.' })
export class Topic {
  @Field(() => ID) id: string;
  @Field() slug: string;
  @Field({ description: 'Display name in the requested locale (English when the ontology has none).' }) name: string;
  @Field(() => [LocalizedTopicName]) names: LocalizedTopicName[];
  @Field(() => [ID]) parentIds: string[];
  @Field(() => [ID]) childIds: string[];
}

@ObjectType()
export class LocalizedTopicName {
  @Field() locale: string;
  @Field() name: string;
}

@ObjectType()
export class ResolvedTopic {
  @Field(() => Topic) topic: Topic;
  @Field({ description: 'The words of the query that named it.' }) matched: string;
  @Field({ description: 'How: curated, name, localized-name, slug, iab or entity.' }) via: string;
}

@ObjectType()
export class TopicSuggestion {
  @Field() term: string;
  @Field(() => [Topic]) topics: Topic[];
}

@ObjectType({ description: 'What a typed text resolved to, what did not resolve, and suggestions for it.' })
export class TopicSearchResult {
  @Field(() => [ResolvedTopic]) topics: ResolvedTopic[];
  @Field(() => [String]) unresolved: string[];
  @Field(() => [TopicSuggestion]) suggestions: TopicSuggestion[];
}

@ObjectType({ description: 'One piece of evidence for an account topic: a post, the bio, an engager, an endorsement or a child topic.' })
export class TopicEvidence {
  @Field() kind: string;
  @Field(() => Float) weight: number;
  @Field(() => ID, { nullable: true }) postId: string | null;
  @Field(() => String, { nullable: true }) postText: string | null;
  @Field(() => ID, { nullable: true, description: 'The engager or endorser.' }) accountId: string | null;
  @Field(() => String, { nullable: true }) accountHandle: string | null;
  @Field(() => Topic, { nullable: true }) childTopic: Topic | null;
  @Field(() => String, { nullable: true }) detail: string | null;
}

@ObjectType({ description: "An account's expertise topic (at most 20), with its influence inside the topic and the evidence." })
export class AccountTopic {
  @Field(() => Topic) topic: Topic;
  @Field(() => Int) rank: number;
  @Field(() => Float) weight: number;
  @Field(() => Int) postCount: number;
  @Field(() => Int) engagerCount: number;
  @Field(() => Int) endorsementCount: number;
  @Field(() => Int, { nullable: true, description: 'Influence within the topic, 1-100.' }) score: number | null;
  @Field(() => Float, { nullable: true, description: 'Percentile of that influence among the topic’s accounts.' }) percentile: number | null;
  @Field() computedAt: Date;
  @Field(() => [TopicEvidence]) evidence: TopicEvidence[];
}

@ObjectType()
export class HiddenAccountTopic {
  @Field(() => ID) accountId: string;
  @Field(() => Topic) topic: Topic;
  @Field(() => TopicHiddenBy) hiddenBy: TopicHiddenBy;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field() hiddenAt: Date;
}

@ObjectType()
export class TopicEndorsement {
  @Field(() => ID) id: string;
  @Field(() => ID) endorserAccountId: string;
  @Field(() => ID) accountId: string;
  @Field(() => Topic) topic: Topic;
  @Field() createdAt: Date;
}
