import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: "A crawl's accounts by what became of them." })
export class CrawlCountsModel {
  @Field(() => Int, { description: 'Accounts the crawl has heard of (search results, engagers, followers, follows of kept accounts).' }) found: number;
  @Field(() => Int, { description: 'Accounts read in full or settled (not found, suspended, opted out, failed): what the account budget counts.' }) fetched: number;
  @Field(() => Int, { description: 'Fetched accounts about the vertical: the crawl grows from these.' }) kept: number;
  @Field(() => Int, { description: 'Fetched accounts not about the vertical (their engagement still counts in scores).' }) dropped: number;
  @Field(() => Int) pending: number;
  @Field(() => Int) fetching: number;
  @Field(() => Int) notFound: number;
  @Field(() => Int) suspended: number;
  @Field(() => Int, { description: 'Accounts that asked their network not to be read by other services: not crawled, removed if held.' }) optedOut: number;
  @Field(() => Int) failed: number;
  @Field(() => Int, { description: 'Pages set aside as unreadable (see quarantinedPages).' }) quarantined: number;
}

@ObjectType({ description: "The network's rate limit as its last answers reported it." })
export class CrawlRateLimit {
  @Field(() => Int, { description: 'Requests allowed per window.' }) limit: number;
  @Field(() => Int) windowSeconds: number;
  @Field(() => Int, { nullable: true }) remaining: number | null;
  @Field(() => String, { nullable: true }) resetAt: string | null;
  @Field(() => Float, { description: 'Share of the limit the current window has used, 0..1.' }) usedShare: number;
}

@ObjectType({ description: 'A page a crawl could not use, with where it came from and why.' })
export class QuarantinedPageModel {
  @Field() url: string;
  @Field() reason: string;
  @Field() createdAt: Date;
}

@ObjectType({ description: "A crawl of an open network for a vertical's people." })
export class Crawl {
  @Field(() => ID) id: string;
  @Field({ description: 'bluesky or mastodon.' }) network: string;
  @Field({ description: 'The AppView or instance read.' }) origin: string;
  @Field(() => [String], { description: 'The words it searches for.' }) terms: string[];
  @Field(() => [String], { description: 'The topics (slugs) an account must post about to be kept.' }) topicSlugs: string[];
  @Field(() => Int, { nullable: true }) maxAccounts: number | null;
  @Field(() => Float, { nullable: true }) maxHours: number | null;
  @Field({ description: 'queued, running, paused, waiting (the network did not answer; it retries), cancelled, done or failed.' }) status: string;
  @Field(() => String, { nullable: true }) statusReason: string | null;
  @Field(() => Float, { description: 'Requests made so far.' }) requests: number;
  @Field(() => CrawlRateLimit, { nullable: true }) rateLimit: CrawlRateLimit | null;
  @Field(() => CrawlCountsModel) counts: CrawlCountsModel;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) startedAt: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
}

@InputType()
export class StartCrawlInput {
  @Field({ description: 'bluesky or mastodon.' }) network: string;
  @Field(() => [String], { description: 'The vertical\'s words: "cars", "electric vehicles", "#EV".' }) terms: string[];
  @Field(() => String, { nullable: true, description: 'Another Bluesky AppView or Mastodon instance than the configured one.' }) origin?: string | null;
  @Field(() => Int, { nullable: true, description: 'Stop after fetching this many accounts.' }) maxAccounts?: number | null;
  @Field(() => Float, { nullable: true, description: 'Stop after this many hours.' }) maxHours?: number | null;
}

@ObjectType({ description: 'What Renown knows of a handle, fetching it from its network when it does not know it yet.' })
export class InfluencerLookup {
  @Field() platform: string;
  @Field({ description: 'The handle as read: alice.bsky.social, did:plc:..., bob@fosstodon.org.' }) query: string;
  @Field({ description: 'fetching, scoring (fetched, score being computed), ready, not-found, suspended, opted-out, unavailable (the network did not answer) or failed.' }) status: string;
  @Field({ description: 'A plain sentence to show.' }) message: string;
  @Field(() => ID, { nullable: true }) accountId: string | null;
  @Field(() => Float, { nullable: true, description: 'The overall score, 1-100, once computed.' }) score: number | null;
  @Field(() => Date, { nullable: true }) lastFetchedAt: Date | null;
}

@ObjectType({ description: 'What became of one entry of a username list (lookupMany).' })
export class LookupManyResult {
  @Field({ description: 'The entry as sent.' }) input: string;
  @Field(() => String, { nullable: true, description: 'The username as read (lower case), null when invalid.' }) handle: string | null;
  @Field({ description: 'queued (being fetched), known (answered from what Renown holds), invalid, duplicate (earlier in the list) or refused (the plan\'s searches ran out).' }) outcome: string;
  @Field(() => String, { nullable: true, description: "The look-up's status, as influencerLookup gives it." }) status: string | null;
  @Field({ description: 'A plain sentence to show.' }) message: string;
  @Field(() => ID, { nullable: true }) accountId: string | null;
  @Field(() => Float, { nullable: true }) score: number | null;
}
