import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Influencer } from '../../search/graphql/influencer.models.js';

@ObjectType({ description: 'How many entries of a list carry a tag.' })
export class ShortlistTagCount {
  @Field() tag: string;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'One account on a shortlist, with the brand\'s note and tags.' })
export class ShortlistEntry {
  @Field(() => ID) shortlistId: string;
  @Field(() => ID) accountId: string;
  @Field(() => Influencer, { nullable: true, description: 'The account as search shows it (scores, topics, why); null only if it vanished between reads.' }) influencer: Influencer | null;
  @Field() note: string;
  @Field(() => [String], { description: 'Lower-case tags, as stored.' }) tags: string[];
  @Field() addedAt: Date;
  @Field() updatedAt: Date;
}

@ObjectType({ description: 'A page of a shortlist, in the order accounts were added.' })
export class ShortlistEntryPage {
  @Field(() => [ShortlistEntry]) entries: ShortlistEntry[];
  @Field(() => Int, { description: 'Entries on the list (with the tag, when filtered).' }) totalCount: number;
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' }) endCursor: string | null;
}

@ObjectType({ description: "A brand's named list of accounts, e.g. for a campaign." })
export class Shortlist {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() description: string;
  @Field(() => Int) entryCount: number;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field({ description: 'Relative path of the CSV download (GET with the session cookie, a Bearer token or an API key).' }) csvPath: string;
}

@ObjectType()
export class AddToShortlistResult {
  @Field(() => Shortlist) shortlist: Shortlist;
  @Field(() => Int) added: number;
  @Field(() => Int, { description: 'Already on the list: note and tags left as they were.' }) alreadyOnList: number;
  @Field(() => [String], { description: 'Ids that name no known account (nothing was added for them).' }) unknownAccountIds: string[];
}

@ObjectType()
export class RemoveFromShortlistResult {
  @Field(() => Shortlist) shortlist: Shortlist;
  @Field(() => Int) removed: number;
}

@ObjectType({ description: 'An account like the seed, with why.' })
export class Lookalike {
  @Field(() => ID) accountId: string;
  @Field(() => Influencer, { nullable: true, description: 'The account as search shows it; null only if it vanished between reads.' }) influencer: Influencer | null;
  @Field(() => Float, { description: '0..1: 0.6 x topic similarity + 0.4 x sqrt(audience similarity).' }) similarity: number;
  @Field(() => Float, { description: 'Cosine of the two accounts\' topic weights, 0..1.' }) topicSimilarity: number;
  @Field(() => Float, { description: 'Jaccard of samples of their recent engagers, 0..1.' }) audienceSimilarity: number;
  @Field(() => [String], { description: 'Topics both post about, strongest first.' }) sharedTopics: string[];
  @Field(() => Int, { description: 'Engagers in both samples.' }) sharedEngagers: number;
  @Field({ description: 'One line on why, e.g. "Posts about Electric vehicles and Cars like @evdaily; 12 of its 300 recent engagers also engage with @evdaily".' })
  why: string;
}

@ObjectType({ description: '"More like this" for one account.' })
export class LookalikeResults {
  @Field(() => Influencer) seed: Influencer;
  @Field(() => [Lookalike]) results: Lookalike[];
  @Field(() => Int, { description: 'Candidates scored (found through shared topics and shared engagers; never the whole table).' }) candidatesConsidered: number;
  @Field() modelVersion: string;
}
