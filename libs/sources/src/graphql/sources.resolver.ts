import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type BrandId, CurrentBrand } from '@renown/accounts';
import { EntitlementsService, UsageService } from '@renown/billing';
import { CrawlsService } from '../crawl/crawls.service.js';
import { LookupService } from '../lookup/lookup.service.js';
import { Crawl, InfluencerLookup, LookupManyResult, QuarantinedPageModel, StartCrawlInput } from './sources.models.js';

/**
 * A brand's crawls of the open networks, and handle look-ups. Each operation: the brand, one service call.
 * Reading a network is paid from the plan's monthly searches: a crawl counts one search per term (each term
 * is searched on the network), and a look-up counts one when it fetches (answers from what Renown holds are
 * free). A brand whose allowance is spent gets QUOTA_EXCEEDED naming the limit and the way to raise it.
 */
@Resolver(() => Crawl)
export class SourcesResolver {
  constructor(
    private readonly crawlService: CrawlsService,
    private readonly lookups: LookupService,
    private readonly entitlements: EntitlementsService,
    private readonly usage: UsageService,
  ) {}

  @Query(() => [Crawl], { description: "The brand's crawls, newest first." })
  crawls(@CurrentBrand() brandId: BrandId) {
    return this.crawlService.list(brandId);
  }

  @Query(() => Crawl)
  crawl(@CurrentBrand() brandId: BrandId, @Args('id', { type: () => ID }) id: string) {
    return this.crawlService.getOrFail(brandId, id);
  }

  @Query(() => [QuarantinedPageModel], { description: "Pages a crawl could not use (newest first, at most 50)." })
  async crawlQuarantine(@CurrentBrand() brandId: BrandId, @Args('crawlId', { type: () => ID }) crawlId: string) {
    await this.crawlService.getOrFail(brandId, crawlId);
    return this.crawlService.quarantined(crawlId);
  }

  @Mutation(() => Crawl, { description: "Starts crawling a network for a vertical's people; the worker runs it." })
  async startCrawl(@CurrentBrand() brandId: BrandId, @Args('input') input: StartCrawlInput) {
    const searches = CrawlsService.validate(input).terms.length; // a bad crawl is refused before the allowance is read
    await this.entitlements.assertWithinLimit(brandId, 'searches', searches);
    const crawl = await this.crawlService.start(brandId, input);
    await this.usage.record(brandId, 'searches', searches, `crawl:${crawl.id}`);
    return crawl;
  }

  @Mutation(() => Crawl)
  pauseCrawl(@CurrentBrand() brandId: BrandId, @Args('id', { type: () => ID }) id: string) {
    return this.crawlService.pause(brandId, id);
  }

  @Mutation(() => Crawl, { description: 'Resumes a paused, waiting or failed crawl from where it stopped.' })
  resumeCrawl(@CurrentBrand() brandId: BrandId, @Args('id', { type: () => ID }) id: string) {
    return this.crawlService.resume(brandId, id);
  }

  @Mutation(() => Crawl, { description: 'Stops a crawl for good; what it imported stays.' })
  cancelCrawl(@CurrentBrand() brandId: BrandId, @Args('id', { type: () => ID }) id: string) {
    return this.crawlService.cancel(brandId, id);
  }

  @Query(() => InfluencerLookup, { description: 'Any handle: answered from what Renown holds, or fetched and scored within seconds (status "fetching" until then; ask again).' })
  influencerLookup(@CurrentBrand() brandId: BrandId, @Args('platform') platform: string, @Args('handle') handle: string) {
    return this.lookups.lookup(platform, handle, { fetch: true, brandId, meter: (lookupId) => this.usage.record(brandId, 'searches', 1, `lookup:${lookupId}`) });
  }

  @Mutation(() => [LookupManyResult], {
    description:
      'A list of usernames (e.g. an Instagram CSV): one look-up per distinct username (at most 500 per call), each metered like influencerLookup (one search when it fetches). Per entry, in the order sent: queued, known, invalid (with the reason), duplicate, or refused (the plan\'s searches ran out). Follow them with lookupProgress.',
  })
  lookupMany(@CurrentBrand() brandId: BrandId, @Args('platform') platform: string, @Args('handles', { type: () => [String] }) handles: string[]) {
    return this.lookups.lookupMany(platform, handles, { brandId, meter: (lookupId) => this.usage.record(brandId, 'searches', 1, `lookup:${lookupId}`) });
  }

  @Query(() => [InfluencerLookup], { description: "Where each handle stands (at most 500), as influencerLookup would answer, without fetching; only the brand's own outcomes are shown." })
  lookupProgress(@CurrentBrand() brandId: BrandId, @Args('platform') platform: string, @Args('handles', { type: () => [String] }) handles: string[]) {
    return this.lookups.progress(platform, handles, brandId);
  }
}
